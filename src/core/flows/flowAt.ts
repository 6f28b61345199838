// The flow a secret found at some offset belongs to: the Kusto command around
// it (a KQL file's blank-line separated block, or a command embedded in a
// string of another language), else queued ingestion through an SDK. Pure.
import { flowForCommand, QUEUED_INGESTION_FLOW, type ManagedIdentityFlow } from './flowForCommand';

const KQL_FILE = /\.(kql|csl|kusto)$/i;

export function isKqlFile(fileName: string | undefined): boolean {
  return fileName !== undefined && KQL_FILE.test(fileName);
}

// A command or query embedded in a string or a Markdown code block: a `.` at a
// line start or after an opening quote, or a query operator that names a flow.
const EMBEDDED_COMMAND = /(?:^|["'`(@$])[ \t]*(?=\.(?:create|create-or-alter|alter|alter-merge|export|ingest)\b)/gim;

const COMMAND_WORDS = ['.create', '.alter', '.export', '.ingest'];
const QUERY_WORDS = ['evaluate', 'externaldata', 'external_table'];

// How far around the finding the command may start: enough for a multi-line
// command, small enough that an unrelated command far above does not count.
const MAX_BLOCK_CHARS = 4096;

function isBlankChar(c: number): boolean {
  return c === 32 || c === 9 || c === 13;
}

/** Start and end of the blank-line separated block holding `offset` (one pass, no copies). */
function blockAround(text: string, offset: number): [number, number] {
  const floor = Math.max(0, offset - MAX_BLOCK_CHARS);
  let start = floor;
  // Walking back: `blank` stays true while the line being walked holds only whitespace.
  let blank = false;
  for (let i = offset - 1; i >= floor; i--) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      if (blank) {
        start = i + 1;
        break;
      }
      blank = true;
    } else if (!isBlankChar(c)) {
      blank = false;
    }
  }
  const ceiling = Math.min(text.length, offset + MAX_BLOCK_CHARS);
  let end = ceiling;
  blank = false;
  for (let i = offset; i < ceiling; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      if (blank) {
        end = i;
        break;
      }
      blank = true;
    } else if (!isBlankChar(c)) {
      blank = false;
    }
  }
  return [start, end];
}

// Whether the text names any command or query word at all, kept for the last
// text asked about: one analysis asks once per finding, on the same string, and
// most files (a list of 20,000 SAS URIs, say) name none, so no block is cut.
let lastText: string | undefined;
let lastMentions = false;

function mentionsAnyFlowWord(text: string): boolean {
  if (text !== lastText) {
    lastText = text;
    lastMentions = COMMAND_WORDS.some((w) => text.includes(w)) || QUERY_WORDS.some((w) => text.includes(w));
  }
  return lastMentions;
}

/** The flow of the command holding `offset`; undefined in a KQL file whose block names none. */
export function flowAt(text: string, offset: number, fileName?: string): ManagedIdentityFlow | undefined {
  const kql = isKqlFile(fileName);
  if (!kql && !mentionsAnyFlowWord(text)) return QUEUED_INGESTION_FLOW;
  const [start, end] = blockAround(text, offset);
  const block = text.slice(start, end);
  if (kql) return flowForCommand(block);
  // The command nearest before the finding wins (a file may hold several).
  let found: ManagedIdentityFlow | undefined;
  if (COMMAND_WORDS.some((w) => block.includes(w))) {
    EMBEDDED_COMMAND.lastIndex = 0;
    for (let m = EMBEDDED_COMMAND.exec(block); m; m = EMBEDDED_COMMAND.exec(block)) {
      if (start + m.index > offset) break;
      found = flowForCommand(block.slice(m.index + m[0].length)) ?? found;
      if (m[0].length === 0) EMBEDDED_COMMAND.lastIndex++;
    }
  }
  if (found) return found;
  // Query operators and plugins; most code mentions none, so test cheaply first.
  return (QUERY_WORDS.some((w) => block.includes(w)) ? flowForCommand(block) : undefined) ?? QUEUED_INGESTION_FLOW;
}
