// The JSON literal of `.alter[-merge] (cluster | database X) policy managed_identity <literal>`
// commands: where it is, what it contains, what the cursor is editing inside
// it, and what is wrong with it. Also `;managed_identity=<value>` references in
// any text. Pure: no `vscode` import. Offsets are UTF-16 offsets into the text.
//
// Both literal forms the documentation uses are understood:
//   .alter-merge cluster policy managed_identity "[ { 'ObjectId' : '<id>', 'AllowedUsages' : 'NativeIngestion' } ]"
//   .alter database db policy managed_identity ```[ { "ObjectId": "<id>", "AllowedUsages": "NativeIngestion, ExternalTable" } ]```
// and also '...' / @"..." / h"..." literals and \"-escaped JSON inside "...".
// The JSON reading is tolerant, so a literal that is being typed still yields
// a useful context for completion.

import { isGuid } from '../identity';
import { lastIndexAtOrBefore } from '../sortedSearch';
import {
  type PolicyLevel,
  getUsage,
  getUsageIgnoreCase,
  parseUsageList,
  suggestUsage,
} from './usages';

export type { PolicyLevel } from './usages';

export interface OffsetRange {
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
}

/** How the policy literal is delimited in the KQL text. */
export interface PolicyLiteralDelimiters {
  /** `'`, `"`, or the triple backtick of a multi-line literal. */
  readonly quote: "'" | '"' | '```';
  /** `@'...'` / `@"..."`: no backslash escapes, the quote is doubled instead. */
  readonly verbatim: boolean;
  /** `h'...'` / `H@"..."`: obfuscated (hidden from logs). */
  readonly obfuscated: boolean;
  /** False when the closing delimiter is missing (the literal runs to the end of the line, or of the text for ```). */
  readonly terminated: boolean;
  /** The quote that strings inside the literal can use without escaping. */
  readonly innerQuote: "'" | '"';
}

/** A string (or bare) value inside a policy object, in document offsets. */
export interface PolicyLiteralValue {
  /** The value's text as the JSON sees it (escapes of the KQL string resolved). */
  readonly text: string;
  /** Range of the value's text, between its quotes. */
  readonly start: number;
  readonly end: number;
  /** Range including the value's quotes (same as start/end for a bare value). */
  readonly fullStart: number;
  readonly fullEnd: number;
  /** False for an unquoted value such as `null`. */
  readonly quoted: boolean;
  /** False when the value's closing quote is missing (still being typed). */
  readonly terminated: boolean;
}

export interface PolicyUsageItem {
  /** The item as written, trimmed; empty for an empty item (`"A,,B"`). */
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

export interface PolicyAllowedUsagesValue extends PolicyLiteralValue {
  readonly usages: readonly PolicyUsageItem[];
}

/** One `{ ... }` policy object of the literal's array. */
export interface PolicyLiteralEntry {
  /** Offset of `{`. */
  readonly start: number;
  /** Offset after `}`, or the end of the literal's content when unclosed. */
  readonly end: number;
  readonly closed: boolean;
  readonly objectId?: PolicyLiteralValue;
  readonly allowedUsages?: PolicyAllowedUsagesValue;
}

export interface ManagedIdentityPolicyCommand {
  readonly command: 'alter' | 'alter-merge';
  readonly level: PolicyLevel;
  /** The database name for `database` level (brackets and quotes removed). */
  readonly database?: string;
  /** From the command's `.` to the end of the literal. */
  readonly start: number;
  readonly end: number;
  /** The literal including its delimiters. */
  readonly literal: OffsetRange & PolicyLiteralDelimiters & {
    /** The text between the delimiters. */
    readonly contentStart: number;
    readonly contentEnd: number;
  };
  readonly entries: readonly PolicyLiteralEntry[];
}

export type PolicyLiteralContextKind = 'objectIdValue' | 'allowedUsagesValue' | 'propertyName' | 'other';

/** What the cursor is editing inside a policy literal. */
export interface PolicyLiteralContext {
  readonly kind: PolicyLiteralContextKind;
  readonly level: PolicyLevel;
  readonly command: 'alter' | 'alter-merge';
  readonly database?: string;
  /**
   * The text a completion should replace: the property name or ObjectId between
   * its quotes, the current item of the AllowedUsages comma list (trimmed), or
   * an empty range at the offset. Always contains the offset.
   */
  readonly valueRange: OffsetRange;
  readonly valueText: string;
  /** For `allowedUsagesValue`: the other items already in the list (trimmed, non-empty). Otherwise empty. */
  readonly usagesAlreadyListed: readonly string[];
  /** Whether the offset is inside a quoted string; if not, a completion must bring its own `innerQuote`s. */
  readonly inString: boolean;
  readonly innerQuote: "'" | '"';
  /** The ObjectIds already given in this literal (for not offering them twice). */
  readonly objectIdsInLiteral: readonly string[];
}

/** A flat view of every ObjectId and AllowedUsages value, for hovers and diagnostics. */
export interface PolicyLiteralValueRef extends PolicyLiteralValue {
  readonly property: 'ObjectId' | 'AllowedUsages';
  readonly level: PolicyLevel;
  readonly command: 'alter' | 'alter-merge';
  readonly database?: string;
  /** For AllowedUsages: the comma-separated items. */
  readonly usages?: readonly PolicyUsageItem[];
}

export type PolicyLiteralProblemCode =
  | 'unknown-usage'
  | 'usage-wrong-case'
  | 'usage-not-valid-at-level'
  | 'invalid-object-id'
  | 'missing-object-id'
  | 'missing-allowed-usages';

export interface PolicyLiteralProblem {
  readonly code: PolicyLiteralProblemCode;
  readonly severity: 'error' | 'warning';
  readonly start: number;
  readonly end: number;
  readonly message: string;
  readonly level: PolicyLevel;
  /** Text that can replace [start, end) to fix the problem, when one is known ("did you mean"). */
  readonly suggestion?: string;
}

export interface ManagedIdentityReference {
  /** The value after `=`, as written. */
  readonly value: string;
  /** Range of the value. */
  readonly start: number;
  readonly end: number;
  /** Offset of the `;` that starts `;managed_identity=`. */
  readonly keyStart: number;
  /**
   * `system`; a GUID object id; a template placeholder such as `{objectId}`,
   * `<objectId>`, `${id}` or `%s`; or anything else (including empty).
   */
  readonly kind: 'system' | 'objectId' | 'placeholder' | 'invalid';
}

// ---------------------------------------------------------------------------
// Public functions

/** Every `.alter[-merge] ... policy managed_identity <literal>` command in `text`, outside comments. */
export function parseManagedIdentityPolicyCommands(text: string): ManagedIdentityPolicyCommand[] {
  return findCommands(text).map((c) => c.command);
}

/** Every ObjectId and AllowedUsages value of every managed_identity policy literal in `text`. */
export function findPolicyLiteralValues(text: string): PolicyLiteralValueRef[] {
  const refs: PolicyLiteralValueRef[] = [];
  for (const cmd of parseManagedIdentityPolicyCommands(text)) {
    const base = { level: cmd.level, command: cmd.command, ...(cmd.database !== undefined ? { database: cmd.database } : {}) };
    for (const entry of cmd.entries) {
      if (entry.objectId) refs.push({ ...entry.objectId, ...base, property: 'ObjectId' });
      if (entry.allowedUsages) refs.push({ ...entry.allowedUsages, ...base, property: 'AllowedUsages' });
    }
  }
  return refs;
}

/**
 * What is being edited at `offset`, when it is inside the literal of a
 * managed_identity policy command (between its delimiters, either end
 * included); undefined otherwise.
 */
export function getPolicyLiteralContext(text: string, offset: number): PolicyLiteralContext | undefined {
  for (const found of findCommands(text)) {
    const lit = found.command.literal;
    if (offset < lit.contentStart || offset > lit.contentEnd) continue;
    return contextAt(found, offset);
  }
  return undefined;
}

/**
 * Problems in the managed_identity policy literals of `text`: unknown usage
 * names (with a suggestion), usages not allowed at the policy's level,
 * ObjectIds that are neither a GUID nor `system`, and policy objects missing
 * ObjectId or AllowedUsages. Values still being typed (unterminated) are skipped.
 */
export function validatePolicyLiterals(text: string): PolicyLiteralProblem[] {
  const problems: PolicyLiteralProblem[] = [];
  for (const cmd of parseManagedIdentityPolicyCommands(text)) {
    const level = cmd.level;
    for (const entry of cmd.entries) {
      if (entry.closed) {
        if (!entry.objectId) {
          problems.push({
            code: 'missing-object-id', severity: 'error', level, start: entry.start, end: entry.start + 1,
            message: 'A managed_identity policy object needs an ObjectId: the object (principal) id of the managed identity, or "system".',
          });
        }
        if (!entry.allowedUsages) {
          problems.push({
            code: 'missing-allowed-usages', severity: 'error', level, start: entry.start, end: entry.start + 1,
            message: 'A managed_identity policy object needs AllowedUsages: a comma-separated list such as "NativeIngestion".',
          });
        }
      }
      const oid = entry.objectId;
      if (oid && oid.terminated && !isGuid(oid.text) && oid.text.toLowerCase() !== 'system') {
        const empty = oid.start === oid.end;
        problems.push({
          code: 'invalid-object-id', severity: 'error', level,
          start: empty ? oid.fullStart : oid.start, end: empty ? oid.fullEnd : oid.end,
          message: `ObjectId must be the managed identity's object (principal) id, a GUID, or "system"; "${oid.text}" is neither.`,
        });
      }
      const au = entry.allowedUsages;
      if (au && au.terminated) {
        const named = au.usages.filter((u) => u.name !== '');
        if (named.length === 0) {
          problems.push({
            code: 'missing-allowed-usages', severity: 'error', level, start: au.fullStart, end: au.fullEnd,
            message: 'AllowedUsages is empty: list at least one usage, such as "NativeIngestion".',
          });
        }
        for (const item of named) problems.push(...checkUsage(item, level));
      }
    }
  }
  return problems;
}

/**
 * Every `;managed_identity=<value>` in `text` (any language, any quoting), with
 * the value's range. Key matching ignores case.
 */
export function findManagedIdentityReferences(text: string): ManagedIdentityReference[] {
  const refs: ManagedIdentityReference[] = [];
  const re = /;[ \t]*managed_identity[ \t]*=[ \t]*(\$?\{[^}\s'"`]*\}|<[^>\s'"`]*>|[^;'"`\s,)\]}\\]*)/gi;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const value = m[1];
    const end = m.index + m[0].length;
    refs.push({ value, start: end - value.length, end, keyStart: m.index, kind: referenceKind(value) });
  }
  return refs;
}

// ---------------------------------------------------------------------------
// Validation helpers

function checkUsage(item: PolicyUsageItem, level: PolicyLevel): PolicyLiteralProblem[] {
  const exact = getUsage(item.name);
  if (exact) {
    if (exact.levels.includes(level)) return [];
    return [{
      code: 'usage-not-valid-at-level', severity: 'error', level, start: item.start, end: item.end,
      message: `${exact.name} can only be allowed in the ${exact.levels.join(' or ')}-level managed_identity policy, not at ${level} level.`,
    }];
  }
  const ignoringCase = getUsageIgnoreCase(item.name);
  if (ignoringCase) {
    return [{
      code: 'usage-wrong-case', severity: 'warning', level, start: item.start, end: item.end,
      suggestion: ignoringCase.name,
      message: `Usage "${item.name}" is spelt "${ignoringCase.name}".`,
    }];
  }
  const suggestion = suggestUsage(item.name);
  return [{
    code: 'unknown-usage', severity: 'error', level, start: item.start, end: item.end,
    ...(suggestion !== undefined ? { suggestion } : {}),
    message: `Unknown managed identity usage "${item.name}".` + (suggestion !== undefined ? ` Did you mean "${suggestion}"?` : ''),
  }];
}

function referenceKind(value: string): ManagedIdentityReference['kind'] {
  if (value.toLowerCase() === 'system') return 'system';
  if (isGuid(value)) return 'objectId';
  if (/^(\$?\{[^}]*\}|<[^>]*>|%[sv])$/.test(value)) return 'placeholder';
  return 'invalid';
}

// ---------------------------------------------------------------------------
// KQL lexer: just enough to find commands outside comments and their string literals.

interface KqlString {
  readonly kind: 'string';
  readonly start: number;
  readonly end: number;
  readonly contentStart: number;
  readonly contentEnd: number;
  readonly quote: "'" | '"' | '```';
  readonly verbatim: boolean;
  readonly obfuscated: boolean;
  readonly terminated: boolean;
}

type KqlToken =
  | KqlString
  | { readonly kind: 'comment' | 'command' | 'word' | 'punct'; readonly start: number; readonly end: number; readonly text: string };

const WORD = /[\p{L}\p{N}_$]+/uy;
const COMMAND = /\.[A-Za-z][\w]*(?:-[A-Za-z][\w]*)*/y;

function lexKql(text: string): KqlToken[] {
  const tokens: KqlToken[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v' || c === '\u00a0' || c === '\ufeff') {
      i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      const end = lineEnd(text, i);
      tokens.push({ kind: 'comment', start: i, end, text: text.slice(i, end) });
      i = end;
      continue;
    }
    if (text.startsWith('```', i)) {
      const close = text.indexOf('```', i + 3);
      const terminated = close >= 0;
      const contentEnd = terminated ? close : n;
      tokens.push({
        kind: 'string', start: i, end: terminated ? close + 3 : n, contentStart: i + 3, contentEnd,
        quote: '```', verbatim: true, obfuscated: false, terminated,
      });
      i = terminated ? close + 3 : n;
      continue;
    }
    const str = lexQuoted(text, i);
    if (str) {
      tokens.push(str);
      i = str.end;
      continue;
    }
    if (c === '.') {
      COMMAND.lastIndex = i;
      const m = COMMAND.exec(text);
      const prev = i > 0 ? text[i - 1] : '';
      if (m && !/[\p{L}\p{N}_\])]/u.test(prev)) {
        tokens.push({ kind: 'command', start: i, end: i + m[0].length, text: m[0].toLowerCase() });
        i += m[0].length;
        continue;
      }
    }
    WORD.lastIndex = i;
    const w = WORD.exec(text);
    if (w) {
      tokens.push({ kind: 'word', start: i, end: i + w[0].length, text: w[0] });
      i += w[0].length;
      continue;
    }
    tokens.push({ kind: 'punct', start: i, end: i + 1, text: c });
    i++;
  }
  return tokens;
}

/** A `'...'`, `"..."`, `@'...'`, `h'...'`, `h@"..."` string starting at `i`, if there is one. */
function lexQuoted(text: string, i: number): KqlString | undefined {
  let p = i;
  let obfuscated = false;
  let verbatim = false;
  if ((text[p] === 'h' || text[p] === 'H') && /^@?['"]/.test(text.slice(p + 1, p + 3))) {
    obfuscated = true;
    p++;
  }
  if (text[p] === '@' && (text[p + 1] === "'" || text[p + 1] === '"')) {
    verbatim = true;
    p++;
  }
  const q = text[p];
  if (q !== "'" && q !== '"') return undefined;
  let j = p + 1;
  let terminated = false;
  while (j < text.length) {
    const ch = text[j];
    if (ch === '\n' || ch === '\r') break;
    if (!verbatim && ch === '\\') {
      if (text[j + 1] === '\n' || text[j + 1] === '\r' || j + 1 >= text.length) {
        j++;
        break;
      }
      j += 2;
      continue;
    }
    if (ch === q) {
      if (verbatim && text[j + 1] === q) {
        j += 2;
        continue;
      }
      terminated = true;
      break;
    }
    j++;
  }
  return {
    kind: 'string', start: i, end: terminated ? j + 1 : j, contentStart: p + 1, contentEnd: j,
    quote: q, verbatim, obfuscated, terminated,
  };
}

function lineEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length && text[j] !== '\n' && text[j] !== '\r') j++;
  return j;
}

// ---------------------------------------------------------------------------
// Command recognition

interface FoundCommand {
  readonly command: ManagedIdentityPolicyCommand;
  readonly inner: InnerAnalysis;
  readonly decoded: Decoded;
}

function findCommands(text: string): FoundCommand[] {
  const tokens = lexKql(text).filter((t) => t.kind !== 'comment');
  const found: FoundCommand[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const head = tokens[k];
    if (head.kind !== 'command' || (head.text !== '.alter' && head.text !== '.alter-merge')) continue;
    const parsed = parseCommandTail(text, tokens, k + 1);
    if (!parsed) continue;
    const lit = parsed.literal;
    const decoded = decodeLiteral(text, lit);
    const inner = analyzeInner(decoded.text);
    // Inside "..." (or @"...") the pseudo-JSON uses '; inside '...' and ``` it uses ".
    const innerQuote: "'" | '"' = lit.quote === '"' ? "'" : '"';
    const command: ManagedIdentityPolicyCommand = {
      command: head.text === '.alter' ? 'alter' : 'alter-merge',
      level: parsed.level,
      ...(parsed.database !== undefined ? { database: parsed.database } : {}),
      start: head.start,
      end: lit.end,
      literal: {
        start: lit.start, end: lit.end, contentStart: lit.contentStart, contentEnd: lit.contentEnd,
        quote: lit.quote, verbatim: lit.verbatim, obfuscated: lit.obfuscated, terminated: lit.terminated, innerQuote,
      },
      entries: inner.entries.map((e) => toEntry(e, decoded)),
    };
    found.push({ command, inner, decoded });
    k = parsed.next - 1;
  }
  return found;
}

function parseCommandTail(text: string, tokens: readonly KqlToken[], k: number):
  { level: PolicyLevel; database?: string; literal: KqlString; next: number } | undefined {
  const isWord = (t: KqlToken | undefined, w: string): boolean =>
    t !== undefined && t.kind === 'word' && t.text.toLowerCase() === w;
  let level: PolicyLevel;
  let database: string | undefined;
  if (isWord(tokens[k], 'cluster')) {
    level = 'cluster';
    k++;
  } else if (isWord(tokens[k], 'database')) {
    level = 'database';
    k++;
    const t = tokens[k];
    const s = tokens[k + 1];
    const close = tokens[k + 2];
    if (t?.kind === 'punct' && t.text === '[' && s?.kind === 'string' && close?.kind === 'punct' && close.text === ']') {
      database = decodeLiteral(text, s).text;
      k += 3;
    } else if (t?.kind === 'word') {
      // Names such as my-db or db.v2, glued together without spaces.
      let end = t.end;
      k++;
      while (k < tokens.length) {
        const u = tokens[k];
        const glued = u.start === end && (u.kind === 'word' || (u.kind === 'punct' && (u.text === '-' || u.text === '.')));
        if (!glued) break;
        end = u.end;
        k++;
      }
      database = text.slice(t.start, end);
    } else {
      return undefined;
    }
  } else {
    return undefined;
  }
  if (!isWord(tokens[k], 'policy') || !isWord(tokens[k + 1], 'managed_identity')) return undefined;
  const literal = tokens[k + 2];
  if (literal?.kind !== 'string') return undefined;
  return { level, ...(database !== undefined ? { database } : {}), literal, next: k + 3 };
}

// ---------------------------------------------------------------------------
// Decoding the KQL string: the JSON is read from the decoded text, and every
// decoded character remembers where it came from.

interface Decoded {
  readonly text: string;
  /** map[i] = document offset of decoded character i; map[text.length] = end of the content. */
  readonly map: readonly number[];
}

function decodeLiteral(text: string, lit: KqlString): Decoded {
  const map: number[] = [];
  let out = '';
  const end = lit.contentEnd;
  let j = lit.contentStart;
  while (j < end) {
    const ch = text[j];
    if (lit.quote !== '```') {
      if (lit.verbatim && ch === lit.quote && text[j + 1] === lit.quote && j + 1 < end) {
        map.push(j);
        out += ch;
        j += 2;
        continue;
      }
      if (!lit.verbatim && ch === '\\' && j + 1 < end) {
        const next = text[j + 1];
        let value = next;
        let len = 2;
        if (next === 'n') value = '\n';
        else if (next === 't') value = '\t';
        else if (next === 'r') value = '\r';
        else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6)) && j + 6 <= end) {
          value = String.fromCharCode(parseInt(text.slice(j + 2, j + 6), 16));
          len = 6;
        }
        map.push(j);
        out += value;
        j += len;
        continue;
      }
    }
    map.push(j);
    out += ch;
    j++;
  }
  map.push(end);
  return { text: out, map };
}

/** Document offset → decoded index: the last decoded character starting at or before `offset`. */
function toDecodedIndex(decoded: Decoded, offset: number): number {
  return lastIndexAtOrBefore(decoded.map, offset);
}

// ---------------------------------------------------------------------------
// Tolerant reading of the JSON inside the literal (decoded coordinates).

interface InnerToken {
  readonly kind: 'str' | 'word' | 'punct';
  readonly start: number;
  readonly end: number;
  /** For str: the text between the quotes. For word: the token. */
  readonly contentStart: number;
  readonly contentEnd: number;
  readonly terminated: boolean;
  readonly ch: string;
  role: Role;
  after: Snapshot;
}

type Role =
  | { readonly type: 'none' }
  | { readonly type: 'key'; readonly entry?: EntryBuilder }
  | { readonly type: 'value'; readonly key: string; readonly entry?: EntryBuilder };

interface Snapshot {
  readonly frame: 'root' | 'array' | 'object';
  readonly objState?: ObjState;
  readonly key?: string;
  readonly entry?: EntryBuilder;
}

type ObjState = 'key' | 'colon' | 'value' | 'after';

interface EntryBuilder {
  readonly start: number;
  end: number;
  closed: boolean;
  objectId?: InnerToken;
  allowedUsages?: InnerToken;
}

interface InnerAnalysis {
  readonly tokens: readonly InnerToken[];
  readonly entries: readonly EntryBuilder[];
}

type Frame = { type: 'array' } | { type: 'object'; state: ObjState; key?: string; entry?: EntryBuilder };

function lexInner(s: string): InnerToken[] {
  const out: InnerToken[] = [];
  const none: Role = { type: 'none' };
  const root: Snapshot = { frame: 'root' };
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if ('{}[]:,'.includes(c)) {
      out.push({ kind: 'punct', start: i, end: i + 1, contentStart: i, contentEnd: i + 1, terminated: true, ch: c, role: none, after: root });
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let terminated = false;
      while (j < s.length) {
        if (s[j] === '\\') {
          j += 2;
          continue;
        }
        if (s[j] === c) {
          terminated = true;
          break;
        }
        if (s[j] === '\n' && c === "'") break;
        j++;
      }
      j = Math.min(j, s.length);
      out.push({
        kind: 'str', start: i, end: terminated ? j + 1 : j, contentStart: i + 1, contentEnd: j,
        terminated, ch: c, role: none, after: root,
      });
      i = terminated ? j + 1 : j;
      continue;
    }
    let j = i;
    while (j < s.length && !/[\s{}[\]:,'"]/.test(s[j])) j++;
    out.push({ kind: 'word', start: i, end: j, contentStart: i, contentEnd: j, terminated: true, ch: '', role: none, after: root });
    i = j;
  }
  return out;
}

function analyzeInner(s: string): InnerAnalysis {
  const tokens = lexInner(s);
  const entries: EntryBuilder[] = [];
  const stack: Frame[] = [];
  const snapshot = (): Snapshot => {
    const top = stack[stack.length - 1];
    if (!top) return { frame: 'root' };
    if (top.type === 'array') return { frame: 'array' };
    return { frame: 'object', objState: top.state, ...(top.key !== undefined ? { key: top.key } : {}), ...(top.entry ? { entry: top.entry } : {}) };
  };
  for (const tok of tokens) {
    const top = stack[stack.length - 1];
    if (tok.kind === 'punct') {
      switch (tok.ch) {
        case '{': {
          if (top?.type === 'object' && top.state === 'value') top.state = 'after';
          let entry: EntryBuilder | undefined;
          if (!top || top.type === 'array') {
            entry = { start: tok.start, end: s.length, closed: false };
            entries.push(entry);
          }
          stack.push({ type: 'object', state: 'key', ...(entry ? { entry } : {}) });
          break;
        }
        case '}':
          if (top?.type === 'object') {
            stack.pop();
            if (top.entry) {
              top.entry.end = tok.end;
              top.entry.closed = true;
            }
          }
          break;
        case '[':
          if (top?.type === 'object' && top.state === 'value') top.state = 'after';
          stack.push({ type: 'array' });
          break;
        case ']':
          if (top?.type === 'array') stack.pop();
          break;
        case ':':
          if (top?.type === 'object' && top.state === 'colon') top.state = 'value';
          break;
        case ',':
          if (top?.type === 'object') {
            top.state = 'key';
            delete top.key;
          }
          break;
      }
    } else if (top?.type === 'object') {
      const text = s.slice(tok.contentStart, tok.contentEnd);
      if (top.state === 'key') {
        tok.role = { type: 'key', ...(top.entry ? { entry: top.entry } : {}) };
        top.key = text;
        top.state = 'colon';
      } else if (top.state === 'value' && top.key !== undefined) {
        tok.role = { type: 'value', key: top.key, ...(top.entry ? { entry: top.entry } : {}) };
        const property = canonicalProperty(top.key);
        if (top.entry && property === 'ObjectId' && !top.entry.objectId) top.entry.objectId = tok;
        if (top.entry && property === 'AllowedUsages' && !top.entry.allowedUsages) top.entry.allowedUsages = tok;
        top.state = 'after';
      }
    }
    tok.after = snapshot();
  }
  return { tokens, entries };
}

/** Property names are matched ignoring case, as the service reads them. */
function canonicalProperty(key: string): 'ObjectId' | 'AllowedUsages' | undefined {
  const k = key.trim().toLowerCase();
  if (k === 'objectid') return 'ObjectId';
  if (k === 'allowedusages') return 'AllowedUsages';
  return undefined;
}

// ---------------------------------------------------------------------------
// From decoded coordinates back to the document

function toValue(tok: InnerToken, d: Decoded): PolicyLiteralValue {
  return {
    text: d.text.slice(tok.contentStart, tok.contentEnd),
    start: d.map[tok.contentStart],
    end: d.map[tok.contentEnd],
    fullStart: d.map[tok.start],
    fullEnd: d.map[tok.end],
    quoted: tok.kind === 'str',
    terminated: tok.terminated,
  };
}

function usageItems(tok: InnerToken, d: Decoded): PolicyUsageItem[] {
  const text = d.text.slice(tok.contentStart, tok.contentEnd);
  return parseUsageList(text).map((u) => ({
    name: u.name,
    start: d.map[tok.contentStart + u.start],
    end: d.map[tok.contentStart + u.end],
  }));
}

function toEntry(e: EntryBuilder, d: Decoded): PolicyLiteralEntry {
  return {
    start: d.map[e.start],
    end: d.map[e.end],
    closed: e.closed,
    ...(e.objectId ? { objectId: toValue(e.objectId, d) } : {}),
    ...(e.allowedUsages ? { allowedUsages: { ...toValue(e.allowedUsages, d), usages: usageItems(e.allowedUsages, d) } } : {}),
  };
}

function contextAt(found: FoundCommand, offset: number): PolicyLiteralContext {
  const { command, inner, decoded } = found;
  const p = toDecodedIndex(decoded, offset);
  const objectIdsInLiteral = command.entries.flatMap((e) => (e.objectId && e.objectId.text !== '' ? [e.objectId.text] : []));
  const base = {
    level: command.level,
    command: command.command,
    ...(command.database !== undefined ? { database: command.database } : {}),
    innerQuote: command.literal.innerQuote,
    objectIdsInLiteral,
  };
  const empty = (kind: PolicyLiteralContextKind, inString: boolean): PolicyLiteralContext => ({
    ...base, kind, inString, valueRange: { start: offset, end: offset }, valueText: '', usagesAlreadyListed: [],
  });

  // Between the characters of an escape sequence such as \" nothing can be completed.
  if (offset > decoded.map[p]) return empty('other', false);

  // Inside a string, or touching a bare word?
  const tok = inner.tokens.find((t) =>
    (t.kind === 'str' && p >= t.contentStart && p <= t.contentEnd) || (t.kind === 'word' && p >= t.start && p <= t.end));
  if (tok) {
    const inString = tok.kind === 'str';
    const range = { start: decoded.map[tok.contentStart], end: decoded.map[tok.contentEnd] };
    const valueText = decoded.text.slice(tok.contentStart, tok.contentEnd);
    if (tok.role.type === 'key') {
      return { ...base, kind: 'propertyName', inString, valueRange: range, valueText, usagesAlreadyListed: [] };
    }
    if (tok.role.type === 'value') {
      const property = canonicalProperty(tok.role.key);
      if (property === 'ObjectId') {
        return { ...base, kind: 'objectIdValue', inString, valueRange: range, valueText, usagesAlreadyListed: [] };
      }
      if (property === 'AllowedUsages') return usagesContext(base, tok, decoded, p, offset, inString);
    }
    return empty('other', inString);
  }

  // Between tokens: the state after the last token before the offset.
  let state: Snapshot = { frame: 'root' };
  for (const t of inner.tokens) {
    if (t.end <= p) state = t.after;
    else break;
  }
  if (state.frame === 'object') {
    if (state.objState === 'key') return empty('propertyName', false);
    if (state.objState === 'value' && state.key !== undefined) {
      const property = canonicalProperty(state.key);
      if (property === 'ObjectId') return empty('objectIdValue', false);
      if (property === 'AllowedUsages') return empty('allowedUsagesValue', false);
    }
  }
  return empty('other', false);
}

function usagesContext(
  base: Omit<PolicyLiteralContext, 'kind' | 'inString' | 'valueRange' | 'valueText' | 'usagesAlreadyListed'>,
  tok: InnerToken, decoded: Decoded, p: number, offset: number, inString: boolean,
): PolicyLiteralContext {
  const text = decoded.text.slice(tok.contentStart, tok.contentEnd);
  const rel = p - tok.contentStart;
  const items = parseUsageList(text);
  // Item i spans from after comma i-1 to comma i; find the one holding the offset.
  let index = 0;
  for (let i = 0; i < rel; i++) if (text[i] === ',') index++;
  const current = items[Math.min(index, items.length - 1)];
  const usagesAlreadyListed = items.filter((_, i) => i !== index).map((u) => u.name).filter((u) => u !== '');
  let valueRange: OffsetRange;
  let valueText: string;
  if (rel >= current.start && rel <= current.end) {
    valueRange = { start: decoded.map[tok.contentStart + current.start], end: decoded.map[tok.contentStart + current.end] };
    valueText = current.name;
  } else {
    valueRange = { start: offset, end: offset };
    valueText = '';
  }
  return { ...base, kind: 'allowedUsagesValue', inString, valueRange, valueText, usagesAlreadyListed };
}
