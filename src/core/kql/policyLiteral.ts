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

import { getLocation, visit } from 'jsonc-parser';
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
// Tolerant reading of the JSON inside the literal (decoded coordinates), by
// jsonc-parser. The pseudo-JSON of "..." literals quotes with ', which JSON
// does not: every ' becomes " first (same length, so offsets hold; the values
// of a policy, GUIDs and usage names, never contain quotes).

/** A value of a policy object, in decoded coordinates. */
interface InnerValue {
  readonly start: number;
  readonly end: number;
  readonly contentStart: number;
  readonly contentEnd: number;
  readonly quoted: boolean;
  readonly terminated: boolean;
}

interface EntryBuilder {
  readonly start: number;
  end: number;
  closed: boolean;
  objectId?: InnerValue;
  allowedUsages?: InnerValue;
}

interface InnerAnalysis {
  /** The decoded text with ' read as ": what jsonc-parser saw. */
  readonly json: string;
  readonly entries: readonly EntryBuilder[];
}

/** jsonc-parser's ParseErrorCode.InvalidSymbol (a const enum, which isolated modules cannot import). */
const INVALID_SYMBOL = 1;

type Frame = { readonly type: 'array' } | { readonly type: 'object'; readonly entry?: EntryBuilder; key?: string };

function innerValue(json: string, offset: number, length: number): InnerValue {
  const quoted = json[offset] === '"';
  const terminated = !quoted || (length >= 2 && json[offset + length - 1] === '"');
  return {
    start: offset, end: offset + length,
    contentStart: quoted ? offset + 1 : offset,
    contentEnd: quoted && terminated ? offset + length - 1 : offset + length,
    quoted, terminated,
  };
}

function analyzeInner(s: string): InnerAnalysis {
  const json = s.replace(/'/g, '"');
  const entries: EntryBuilder[] = [];
  const stack: Frame[] = [];
  const top = () => stack[stack.length - 1];
  const setValue = (value: InnerValue) => {
    const frame = top();
    if (frame?.type !== 'object' || frame.key === undefined) return;
    const property = canonicalProperty(frame.key);
    if (frame.entry && property === 'ObjectId' && !frame.entry.objectId) frame.entry.objectId = value;
    if (frame.entry && property === 'AllowedUsages' && !frame.entry.allowedUsages) frame.entry.allowedUsages = value;
    delete frame.key;
  };
  visit(json, {
    onArrayBegin: () => {
      const parent = top();
      if (parent?.type === 'object') delete parent.key;
      stack.push({ type: 'array' });
    },
    onArrayEnd: () => {
      stack.pop();
    },
    onObjectBegin: (offset) => {
      const parent = top();
      let entry: EntryBuilder | undefined;
      if (!parent || parent.type === 'array') {
        entry = { start: offset, end: json.length, closed: false };
        entries.push(entry);
      }
      if (parent?.type === 'object') delete parent.key;
      stack.push({ type: 'object', ...(entry ? { entry } : {}) });
    },
    onObjectEnd: (offset, length) => {
      const frame = stack.pop();
      // Called for an unclosed object too, at whatever token follows.
      if (frame?.type === 'object' && frame.entry && length === 1 && json[offset] === '}') {
        frame.entry.end = offset + 1;
        frame.entry.closed = true;
      }
    },
    onObjectProperty: (property) => {
      const frame = top();
      if (frame?.type === 'object') frame.key = property;
    },
    onLiteralValue: (_value, offset, length) => setValue(innerValue(json, offset, length)),
    onError: (error, offset, length) => {
      // A bare word (`system` without quotes) is still the value the user means.
      if (error === INVALID_SYMBOL && length > 0) setValue(innerValue(json, offset, length));
    },
  }, { allowTrailingComma: true, disallowComments: false });
  return { json, entries };
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

function toValue(tok: InnerValue, d: Decoded): PolicyLiteralValue {
  return {
    text: d.text.slice(tok.contentStart, tok.contentEnd),
    start: d.map[tok.contentStart],
    end: d.map[tok.contentEnd],
    fullStart: d.map[tok.start],
    fullEnd: d.map[tok.end],
    quoted: tok.quoted,
    terminated: tok.terminated,
  };
}

function usageItems(tok: InnerValue, d: Decoded): PolicyUsageItem[] {
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

  // What jsonc-parser says is at the offset: a property key, or the value of which property.
  const location = getLocation(inner.json, p);
  const node = location.previousNode;
  const key = location.path[location.path.length - 1];
  // The node being typed: the key of a property, or a value (a bare word included).
  const touched = node && p >= node.offset && p <= node.offset + node.length
    ? innerValue(inner.json, node.offset, node.length)
    : bareWordAt(inner, p);
  // Just after a closing quote (before the `:` or the `,`) nothing is being typed.
  if (touched?.quoted && (p < touched.contentStart || p > touched.contentEnd)) return empty('other', false);
  if (location.isAtPropertyKey) {
    if (!touched) return empty('propertyName', false);
    const range = { start: decoded.map[touched.contentStart], end: decoded.map[touched.contentEnd] };
    return { ...base, kind: 'propertyName', inString: touched.quoted, valueRange: range, valueText: decoded.text.slice(touched.contentStart, touched.contentEnd), usagesAlreadyListed: [] };
  }
  const property = typeof key === 'string' ? canonicalProperty(key) : undefined;
  if (!touched) {
    if (property === 'ObjectId') return empty('objectIdValue', false);
    if (property === 'AllowedUsages') return empty('allowedUsagesValue', false);
    return empty('other', false);
  }
  const inString = touched.quoted;
  if (property === 'ObjectId') {
    const range = { start: decoded.map[touched.contentStart], end: decoded.map[touched.contentEnd] };
    return { ...base, kind: 'objectIdValue', inString, valueRange: range, valueText: decoded.text.slice(touched.contentStart, touched.contentEnd), usagesAlreadyListed: [] };
  }
  if (property === 'AllowedUsages') return usagesContext(base, touched, decoded, p, offset, inString);
  return empty('other', inString);
}

/** A bare (unquoted) value of an entry that touches `p`: jsonc-parser reports those as errors, not nodes. */
function bareWordAt(inner: InnerAnalysis, p: number): InnerValue | undefined {
  for (const e of inner.entries) {
    for (const v of [e.objectId, e.allowedUsages]) if (v && !v.quoted && p >= v.start && p <= v.end) return v;
  }
  return undefined;
}

function usagesContext(
  base: Omit<PolicyLiteralContext, 'kind' | 'inString' | 'valueRange' | 'valueText' | 'usagesAlreadyListed'>,
  tok: InnerValue, decoded: Decoded, p: number, offset: number, inString: boolean,
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
