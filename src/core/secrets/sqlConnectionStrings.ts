// Rules `sql-password` and `cosmos-account-key`: secrets in the SQL and Cosmos DB
// connection strings of Kusto commands (`evaluate sql_request(...)`,
// `cosmosdb_sql_request`, `mysql_request`, `postgresql_request` and `kind=sql`
// external tables). The connection string may be split over adjacent KQL
// literals (`'Server=...;' h'Password=...;'`). The fix, where Kusto supports it
// (SQL Server and Cosmos DB, not MySQL or PostgreSQL), drops `User ID` and
// `Password` (or `AccountKey`) and adds `Authentication="Active Directory
// Managed Identity"` (with `;User Id=<object id>` for a user-assigned identity).

import type { Finding, FindingFix, RuleId, TextEdit } from '../findings';
import { allowUsagePhrase } from '../flows/advice';
import { flowAt } from '../flows/flowAt';
import type { ManagedIdentityFlow } from '../flows/flowForCommand';
import { isPlaceholderValue } from '../blob/sasParameters';
import { identityFixes } from '../blob/managedIdentityFixes';
import type { AnalyzeOptions, TextAnalyzer } from '../scan/analyzer';

const ANCHORS = ['sql_request', 'kind=sql', 'kind = sql'];

export type Target = 'sql' | 'cosmos' | 'password-only';

export interface Piece {
  /** Offsets of the literal's content in the text. */
  readonly start: number;
  readonly end: number;
  readonly quote: string;
}

export interface Segment {
  readonly key: string;
  readonly value: string;
  /** Offsets in the text; undefined when the segment spans two literals. */
  readonly start?: number;
  /** End including a trailing `;` when there is one. */
  readonly end?: number;
}

/** The connection-string literals after `from`: the first quoted literal and those adjacent to it. */
function literalsAfter(text: string, from: number): Piece[] {
  const pieces: Piece[] = [];
  let i = from;
  // Up to the first quote, through `(`, a `table=Name` clause and spaces only.
  const lead = /^[\s(]*(?:table\s*=\s*[\w.[\]"']+\s*)?[\s(]*/.exec(text.slice(i, i + 300));
  if (!lead) return pieces;
  i += lead[0].length;
  for (let n = 0; n < 12; n++) {
    const prefix = /^(?:[hH]@?|@)?(?=['"])/.exec(text.slice(i, i + 3));
    if (!prefix) break;
    const q = text[i + prefix[0].length];
    const start = i + prefix[0].length + 1;
    const close = text.indexOf(q, start);
    const nl = text.indexOf('\n', start);
    if (close === -1 || (nl !== -1 && nl < close) || close - start > 4096) break;
    pieces.push({ start, end: close, quote: q });
    const gap = /^[ \t]*(?:\r?\n[ \t]*){0,2}/.exec(text.slice(close + 1, close + 200));
    i = close + 1 + (gap?.[0].length ?? 0);
  }
  return pieces;
}

function segmentsOf(text: string, pieces: readonly Piece[]): Segment[] {
  // One joined string with a map back to text offsets.
  let joined = '';
  const map: number[] = [];
  for (const p of pieces) {
    for (let k = p.start; k < p.end; k++) {
      joined += text[k];
      map.push(k);
    }
  }
  const pieceOf = (k: number) => pieces.findIndex((p) => map[k] >= p.start && map[k] < p.end);
  const segments: Segment[] = [];
  let s = 0;
  for (let k = 0; k <= joined.length; k++) {
    if (k < joined.length && joined[k] !== ';') continue;
    const raw = joined.slice(s, k);
    const eq = raw.indexOf('=');
    if (eq > 0) {
      const key = raw.slice(0, eq).trim().toLowerCase().replace(/\s+/g, ' ');
      const value = raw.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
      const lead = raw.length - raw.trimStart().length;
      const first = s + lead;
      const last = k < joined.length ? k : k - 1; // include the `;`
      const same = pieceOf(first) === pieceOf(Math.max(first, last));
      segments.push({ key, value, ...(same ? { start: map[first], end: map[last] + 1 } : {}) });
    }
    s = k + 1;
  }
  return segments;
}

// Documentation and template placeholders for a password: `PASSWORD`, `MY_PWD`, `pass`, `****`.
function isPlaceholderPassword(value: string): boolean {
  if (isPlaceholderValue(value)) return true;
  return /^(?:[A-Z][A-Z0-9_]*|pass(?:word)?|pwd|secret|changeme|x+|\*+|\?+)$/.test(value) || /^(?:your|my)[_-]?pass/i.test(value);
}

function targetOf(text: string, at: number, anchor: string): Target {
  if (anchor === 'sql_request') {
    const word = /(\w*)$/.exec(text.slice(Math.max(0, at - 16), at))?.[1].toLowerCase() ?? '';
    if (word === 'cosmosdb_') return 'cosmos';
    if (word === 'my' || word === 'postgre') return 'password-only';
    return word === '' ? 'sql' : 'password-only';
  }
  const dialect = /sqlDialect\s*=\s*["']?(\w+)/i.exec(text.slice(at, at + 4096).split(/\n\s*\n/)[0])?.[1].toLowerCase();
  if (dialect === 'cosmosdbsql') return 'cosmos';
  if (dialect === 'mysql' || dialect === 'postgresql') return 'password-only';
  return 'sql';
}

const USER_KEYS = new Set(['user id', 'userid', 'uid', 'user', 'username', 'user name']);
const PASSWORD_KEYS = new Set(['password', 'pwd']);

/** The anchor whose `sql` is at `hit`, if any. */
function anchorAt(text: string, hit: number): string | undefined {
  if (text.startsWith('_request', hit + 3)) return 'sql_request';
  if (text.startsWith('kind=', hit - 5)) return 'kind=sql';
  if (text.startsWith('kind = ', hit - 7)) return 'kind = sql';
  return undefined;
}

/** One connection string of a Kusto command: where its command starts, what it connects to, and its `key=value` segments. */
export interface SqlConnectionString {
  /** Offset of the plugin name or `kind=sql`. */
  readonly at: number;
  /** `sql_request` (any plugin of that family) or `kind=sql` (an external table). */
  readonly anchor: string;
  readonly target: Target;
  /** The plugin's name (`cosmosdb_sql_request`), for plugins. */
  readonly plugin?: string;
  readonly pieces: readonly Piece[];
  readonly segments: readonly Segment[];
}

function* connectionStrings(text: string): Generator<SqlConnectionString> {
  const seen = new Set<number>();
  // One pass over `sql` finds every anchor (three indexOf passes cost three times as much).
  for (let hit = text.indexOf('sql'); hit !== -1; hit = text.indexOf('sql', hit + 3)) {
    const anchor = anchorAt(text, hit);
    if (!anchor) continue;
    const at = anchor === 'sql_request' ? hit : hit - (anchor.length - 3);
    if (anchor !== 'sql_request' && /\w/.test(text[at + anchor.length] ?? '')) continue; // kind=sqlserver
    const pieces = literalsAfter(text, at + anchor.length);
    if (pieces.length === 0 || seen.has(pieces[0].start)) continue;
    seen.add(pieces[0].start);
    const plugin = anchor === 'sql_request' ? `${/(\w*)$/.exec(text.slice(Math.max(0, at - 16), at))?.[1] ?? ''}sql_request` : undefined;
    yield { at, anchor, target: targetOf(text, at, anchor), pieces, segments: segmentsOf(text, pieces), ...(plugin ? { plugin } : {}) };
  }
}

/** The connection string whose literals hold `offset` (a finding's start), if any. */
export function sqlConnectionStringAt(text: string, offset: number): SqlConnectionString | undefined {
  for (const c of connectionStrings(text)) {
    if (c.pieces[0].start > offset) return undefined;
    if (offset <= c.pieces[c.pieces.length - 1].end) return c;
  }
  return undefined;
}

export function findSqlSecrets(text: string, options: AnalyzeOptions = {}): Finding[] {
  const findings: Finding[] = [];
  for (const { at, target, pieces, segments } of connectionStrings(text)) {
    if (segments.some((s) => s.key === 'authentication' && /managed identity/i.test(s.value))) continue;
    const secret = segments.find((s) => PASSWORD_KEYS.has(s.key) && !isPlaceholderPassword(s.value))
      ?? (target === 'cosmos' ? segments.find((s) => s.key === 'accountkey' && !isPlaceholderValue(s.value) && s.value.length >= 20) : undefined);
    if (!secret) continue;
    const ruleId: RuleId = secret.key === 'accountkey' ? 'cosmos-account-key' : 'sql-password';
    const flow = flowAt(text, at, options.fileName);
    const start = secret.start ?? pieces[0].start;
    const end = secret.end ?? pieces[pieces.length - 1].end;
    findings.push({ ruleId, start, end, usage: flow?.usage, message: message(ruleId, target, flow, secret.start === undefined), fixes: fixesFor(text, pieces, segments, secret, target, options) });
  }
  return findings.sort((a, b) => a.start - b.start);
}

function message(ruleId: RuleId, target: Target, flow: ManagedIdentityFlow | undefined, split: boolean): string {
  const what = ruleId === 'cosmos-account-key'
    ? 'The Cosmos DB connection string of this Kusto command holds the account key (AccountKey=***), which grants full access to the account.'
    : 'The SQL connection string of this Kusto command holds a password (Password=***), a secret anyone who can read the query can use.';
  if (target === 'password-only') {
    return `${what} MySQL and PostgreSQL accept only user name and password here: keep the password out of the query text (an obfuscated h'...' literal filled in at run time) and rotate it. No automatic rewrite.`;
  }
  const instead = `Use Authentication="Active Directory Managed Identity" (add ";User Id=<object id>" for a user-assigned identity), grant the identity access to the database, and ${allowUsagePhrase(flow)}; then rotate the ${ruleId === 'cosmos-account-key' ? 'key' : 'password'}.`;
  return `${what} ${instead}${split ? ' No automatic rewrite: the secret spans two literals.' : ''}`;
}

function fixesFor(text: string, pieces: readonly Piece[], segments: readonly Segment[], secret: Segment, target: Target, options: AnalyzeOptions): FindingFix[] {
  if (target === 'password-only' || secret.start === undefined || secret.end === undefined) return [];
  const drop = segments.filter((s) => s !== secret && (USER_KEYS.has(s.key) || PASSWORD_KEYS.has(s.key) || s.key === 'accountkey'));
  if (drop.some((s) => s.start === undefined)) return [];
  const quote = pieces.find((p) => secret.start! >= p.start && secret.start! < p.end)?.quote ?? "'";
  const auth = quote === '"' ? 'Authentication=Active Directory Managed Identity' : 'Authentication="Active Directory Managed Identity"';
  const endsWithSemicolon = text[secret.end - 1] === ';';
  const render = (identity: string) => `${auth}${identity === 'system' ? '' : `;User Id=${identity}`}${endsWithSemicolon ? ';' : ''}`;
  const fixes = identityFixes(secret.start, secret.end, render, options.identities);
  const removals: TextEdit[] = drop.map((s) => ({ start: s.start!, end: s.end!, newText: '' }));
  return fixes.map((f) => ({ ...f, edits: [...f.edits, ...removals].sort((a, b) => a.start - b.start) }));
}

export const sqlSecretAnalyzer: TextAnalyzer = {
  id: 'sql-connection-string',
  anchors: ANCHORS,
  lineLocal: false,
  analyze: findSqlSecrets,
};
