// Reads the managed_identity policy commands of a `.kql` file: `.alter`,
// `.alter-merge` and `.delete` for the cluster or a database, in file order.
// Tolerant: anything else in the file (queries, other commands, comments) is
// skipped; a policy command that cannot be read exactly is reported as a
// problem with its line, never guessed at. The literal is read by the same
// parser the editor uses (every literal form the docs show), and a JSON
// literal (```...``` or '...') is checked by jsonc-parser as well.
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { parseManagedIdentityPolicyCommands, validatePolicyLiterals, type ManagedIdentityPolicyCommand } from '../kql/policyLiteral';
import type { PolicyEntryInput, PolicyTarget } from '../policy/model';
import { parsePolicyValue, PolicyParseError } from '../policy/parse';
import { LineIndex } from '../scan/lineIndex';

export type PolicyStatementKind = 'alter' | 'alter-merge' | 'delete';

export interface PolicyStatement {
  readonly kind: PolicyStatementKind;
  readonly target: PolicyTarget;
  /** For `alter` / `alter-merge`. */
  readonly entries: readonly PolicyEntryInput[];
  /** UTF-16 offsets of the command in the file. */
  readonly start: number;
  readonly end: number;
  /** 1-based line of the command's first character. */
  readonly line: number;
}

export interface ScriptProblem {
  readonly line: number;
  readonly message: string;
}

export interface ParsedPolicyScript {
  readonly statements: readonly PolicyStatement[];
  readonly problems: readonly ScriptProblem[];
  /** From a `// Cluster: <url>` header line, as the export writes it. */
  readonly clusterUrl?: string;
}

// `.delete cluster policy managed_identity` / `.delete database <name> policy managed_identity`,
// at the start of a line (so commented-out lines never match); <name> bracketed and quoted, or bare.
const DELETE = /^[ \t]*\.delete[ \t]+(?:(cluster)|database[ \t]+(\[[ \t]*(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")[ \t]*\]|[A-Za-z0-9_][\w.-]*))[ \t]+policy[ \t]+managed_identity\b/gim;
const CLUSTER_HEADER = /^[ \t]*\/\/[ \t]*Cluster:[ \t]*(\S+)[ \t]*$/m;

export function parsePolicyScript(text: string): ParsedPolicyScript {
  const index = new LineIndex(text);
  const lineOf = (offset: number) => index.positionAt(offset).line;
  const statements: PolicyStatement[] = [];
  const problems: ScriptProblem[] = [];

  const alters = parseManagedIdentityPolicyCommands(text);
  const unread: ManagedIdentityPolicyCommand[] = [];
  for (const cmd of alters) {
    const target: PolicyTarget = cmd.level === 'cluster' ? { kind: 'cluster' } : { kind: 'database', database: cmd.database ?? '' };
    const line = lineOf(cmd.start);
    const read = readEntries(text, cmd);
    if ('error' in read) {
      problems.push({ line: lineOf(read.at ?? cmd.start), message: read.error });
      unread.push(cmd);
      continue;
    }
    statements.push({ kind: cmd.command, target, entries: read.entries, start: cmd.start, end: cmd.end, line });
  }
  // Usages unknown or not allowed at the level; a command already reported once is not reported again.
  for (const p of validatePolicyLiterals(text)) {
    if (p.severity !== 'error' || unread.some((c) => p.start >= c.start && p.start < c.end)) continue;
    problems.push({ line: lineOf(p.start), message: p.message });
  }

  const inAlter = (offset: number) => alters.some((a) => offset >= a.start && offset < a.end);
  DELETE.lastIndex = 0;
  for (let m = DELETE.exec(text); m !== null; m = DELETE.exec(text)) {
    const start = m.index + m[0].search(/\S/);
    if (inAlter(start)) continue;
    const line = lineOf(start);
    let target: PolicyTarget;
    if (m[1]) target = { kind: 'cluster' };
    else {
      const name = decodeName(m[2]);
      if (name === undefined) {
        problems.push({ line, message: `The database name ${m[2]} cannot be read.` });
        continue;
      }
      target = { kind: 'database', database: name };
    }
    statements.push({ kind: 'delete', target, entries: [], start, end: m.index + m[0].length, line });
  }

  statements.sort((a, b) => a.start - b.start);
  problems.sort((a, b) => a.line - b.line);
  const header = CLUSTER_HEADER.exec(text);
  return { statements, problems, ...(header ? { clusterUrl: header[1] } : {}) };
}

/** `['a\'b']`, `["a"]` or a bare name; undefined for an empty name. */
function decodeName(raw: string): string | undefined {
  const t = raw.trim();
  if (!t.startsWith('[')) return t;
  const inner = t.slice(1, -1).trim();
  const body = inner.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\' && i + 1 < body.length) out += body[++i];
    else out += body[i];
  }
  return out === '' ? undefined : out;
}

type ReadEntries = { readonly entries: PolicyEntryInput[] } | { readonly error: string; readonly at?: number };

function readEntries(text: string, cmd: ManagedIdentityPolicyCommand): ReadEntries {
  const lit = cmd.literal;
  const where = cmd.level === 'cluster' ? 'the cluster policy' : `the policy of database '${cmd.database}'`;
  if (!lit.terminated) return { error: `The literal of ${where} is not closed.` };
  if (cmd.level === 'database' && !cmd.database) return { error: 'A database policy command without a database name.' };
  // ```...``` and '...' (not verbatim, no escapes needed in JSON) hold plain JSON: read it exactly.
  const raw = text.slice(lit.contentStart, lit.contentEnd);
  if (lit.quote === '```' || (lit.quote === '\'' && !raw.includes('\\'))) {
    const errors: ParseError[] = [];
    const value: unknown = parseJsonc(raw, errors, { allowTrailingComma: false, disallowComments: false });
    if (errors.length > 0) {
      const first = errors[0];
      return { error: `The JSON of ${where} is not valid: ${printParseErrorCode(first.error)}.`, at: lit.contentStart + first.offset };
    }
    try {
      const entries = parsePolicyValue(value ?? []) ?? [];
      return { entries: entries.map((e) => ({ ObjectId: e.ObjectId, AllowedUsages: e.AllowedUsages })) };
    } catch (e) {
      if (e instanceof PolicyParseError) return { error: `In ${where}: ${e.message}` };
      throw e;
    }
  }
  // The documented one-line form, "[ { 'ObjectId' : '...', 'AllowedUsages' : '...' } ]": the editor's reader.
  const entries: PolicyEntryInput[] = [];
  for (const e of cmd.entries) {
    if (!e.closed || !e.objectId?.terminated || !e.allowedUsages?.terminated) {
      return { error: `An entry of ${where} is incomplete: each needs an ObjectId and AllowedUsages.`, at: e.start };
    }
    entries.push({ ObjectId: e.objectId.text, AllowedUsages: e.allowedUsages.usages.map((u) => u.name).filter((u) => u !== '') });
  }
  return { entries };
}
