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

// How far around the finding the command may start: enough for a multi-line
// command, small enough that an unrelated command far above does not count.
const MAX_BLOCK_CHARS = 8192;

/** Start and end of the blank-line separated block holding `offset`. */
function blockAround(text: string, offset: number): [number, number] {
  const floor = Math.max(0, offset - MAX_BLOCK_CHARS);
  let start = offset;
  for (;;) {
    const nl = text.lastIndexOf('\n', start - 1);
    if (nl < floor) {
      start = nl < 0 ? 0 : floor;
      break;
    }
    // A blank line (only whitespace between two newlines) ends the block.
    const prev = text.lastIndexOf('\n', nl - 1);
    if (text.slice(prev + 1, nl).trim() === '') {
      start = nl + 1;
      break;
    }
    start = nl;
  }
  const ceiling = Math.min(text.length, offset + MAX_BLOCK_CHARS);
  let end = offset;
  for (;;) {
    const nl = text.indexOf('\n', end);
    if (nl === -1 || nl >= ceiling) {
      end = nl === -1 ? text.length : ceiling;
      break;
    }
    const next = text.indexOf('\n', nl + 1);
    if (text.slice(nl + 1, next === -1 ? text.length : next).trim() === '') {
      end = nl;
      break;
    }
    end = nl + 1;
  }
  return [start, end];
}

/** The flow of the command holding `offset`; undefined in a KQL file whose block names none. */
export function flowAt(text: string, offset: number, fileName?: string): ManagedIdentityFlow | undefined {
  const [start, end] = blockAround(text, offset);
  const block = text.slice(start, end);
  if (isKqlFile(fileName)) return flowForCommand(block);
  // The command nearest before the finding wins (a file may hold several).
  let found: ManagedIdentityFlow | undefined;
  EMBEDDED_COMMAND.lastIndex = 0;
  for (let m = EMBEDDED_COMMAND.exec(block); m; m = EMBEDDED_COMMAND.exec(block)) {
    if (start + m.index > offset) break;
    found = flowForCommand(block.slice(m.index + m[0].length)) ?? found;
    if (m[0].length === 0) EMBEDDED_COMMAND.lastIndex++;
  }
  return found ?? flowForCommand(block) ?? QUEUED_INGESTION_FLOW;
}
