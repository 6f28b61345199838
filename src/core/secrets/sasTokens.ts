// Rule `sas-token` (a SAS token on its own, joined to a URI at run time) and the
// split forms of `sas-blob-uri`: a SAS URI spread over adjacent or concatenated
// literals (`"https://...blob..." + "?sv=...&sig=..."`, Python's implicit
// concatenation across lines, KQL's `'...' h'...'`) or a template literal whose
// path is interpolated but whose signature is literal. Neither gets an automatic
// rewrite: which literal to change is the author's call. Reported once, where the
// signature is.

import type { Finding } from '../findings';
import { storageAdvice } from '../flows/advice';
import { flowAt } from '../flows/flowAt';
import { parseQuery } from '../blob/queryParams';
import { isPlaceholderValue, isSasParameter } from '../blob/sasParameters';
import { scanStorageUris } from '../blob/scanStorageUris';
import { authOf } from '../blob/storageUriAuth';
import type { AnalyzeOptions, TextAnalyzer } from '../scan/analyzer';

const ANCHOR = 'sig=';
const QUOTES = '"\'`';

function isQueryChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
    || c === 37 || c === 38 || c === 61 || c === 95 || c === 46 || c === 126 || c === 58 || c === 43 || c === 47 || c === 45;
}

/**
 * A signature that looks real: base64 (possibly %-escaped), long enough, not a
 * placeholder. Real ones are HMAC-SHA256 in base64 (44 characters); test code
 * is full of `sig=test`, `sig=123456789`, `sig=xxx`, which are not secrets.
 */
export function plausibleSignature(value: string): boolean {
  if (isPlaceholderValue(value)) return false;
  const decoded = value.replace(/%2B/gi, '+').replace(/%2F/gi, '/').replace(/%3D/gi, '=');
  return /^[A-Za-z0-9+/]{20,}={0,2}$/.test(decoded) && !/^(.)\1+$/.test(decoded.replace(/=+$/, ''));
}

interface Literal {
  /** Offsets of the content (between the quotes). */
  readonly start: number;
  readonly end: number;
}

/** The quoted literal whose closing quote is at `close`, searching back on the same line. */
function literalEndingAt(text: string, close: number): Literal | undefined {
  const q = text[close];
  for (let i = close - 1; i >= 0 && close - i < 4096; i--) {
    const c = text[i];
    if (c === '\n') return undefined;
    if (c === q && text[i - 1] !== '\\') return { start: i + 1, end: close };
  }
  return undefined;
}

// Between two joined literals: whitespace and newlines, `+`, `&` (VB), `..` (Lua),
// `.` (PHP), a `\` line continuation, and a string prefix of the next literal.
const JOINER = /^[\s+&.\\]*$/;
const PREFIX = /[hH@$fFrRbBuU]{0,3}$/;

/** The literals joined before `first` (nearest last), at most a few. */
function previousLiterals(text: string, first: Literal): Literal[] {
  const chain: Literal[] = [];
  let open = first.start - 1;
  for (let n = 0; n < 4; n++) {
    const prefix = PREFIX.exec(text.slice(Math.max(0, open - 3), open))?.[0].length ?? 0;
    let j = open - prefix - 1;
    while (j >= 0 && open - j < 256 && !QUOTES.includes(text[j])) j--;
    if (j < 0 || !QUOTES.includes(text[j])) break;
    const between = text.slice(j + 1, open - prefix);
    if (!JOINER.test(between) || (between.match(/\n/g)?.length ?? 0) > 2) break;
    const lit = literalEndingAt(text, j);
    if (!lit) break;
    chain.unshift(lit);
    open = lit.start - 1;
  }
  return chain;
}

/** True when `at` lies in the query (with `sv=`) of a storage URI written in one piece: the storage-URI analyzer's. */
function inWholeSasUri(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at) + 1;
  if (text.lastIndexOf('.blob.', at) < lineStart && text.lastIndexOf('.dfs.', at) < lineStart) return false;
  const nl = text.indexOf('\n', at);
  const rel = at - lineStart;
  return scanStorageUris(text.slice(lineStart, nl === -1 ? text.length : nl))
    .some((m) => m.queryStart !== undefined && m.queryStart <= rel && rel < m.queryEnd! && m.params.some((p) => p.name === 'sv'));
}

export function findSasTokens(text: string, options: AnalyzeOptions = {}): Finding[] {
  const hits: number[] = [];
  for (let at = text.indexOf(ANCHOR); at !== -1; at = text.indexOf(ANCHOR, at + ANCHOR.length)) hits.push(at);
  if (hits.length === 0) return [];
  const findings: Finding[] = [];
  let reportedUpTo = -1;
  for (const at of hits) {
    if (at < reportedUpTo) continue;
    if (inWholeSasUri(text, at)) continue;
    const prev = text.charCodeAt(at - 1);
    if (at > 0 && ((prev >= 65 && prev <= 90) || (prev >= 97 && prev <= 122))) continue; // `xsig=`
    let start = at;
    while (start > 0 && at - start < 2048 && isQueryChar(text.charCodeAt(start - 1))) start--;
    let end = at + ANCHOR.length;
    while (end < text.length && end - at < 2048 && isQueryChar(text.charCodeAt(end))) end++;
    // `NAME=sv=...` (a .env line): the token starts after the name.
    for (let n = 0; n < 2; n++) {
      const eq = text.indexOf('=', start);
      const amp = text.indexOf('&', start);
      if (eq === -1 || eq >= at || (amp !== -1 && amp < eq) || isSasParameter(text.slice(start, eq))) break;
      start = eq + 1;
    }
    // A storage connection string's SAS is the connection-string analyzer's.
    if (text.slice(Math.max(0, start - 22), start).toLowerCase() === 'sharedaccesssignature=') continue;
    const questionMark = text[start - 1] === '?';
    const tokenStart = questionMark ? start - 1 : start;
    const before = text[tokenStart - 1] ?? '';
    const quote = QUOTES.includes(before) ? before : undefined;
    // The token must stand on its own: after a quote, `=`, `:`, a bracket or a space.
    // Anything else (`/path?`, `}?`) is the query of some other URL.
    if (!quote && !(tokenStart === 0 || /[\s=:(,[{]/.test(before))) {
      if (/\$?\{|\$\(/.test(text.slice(text.lastIndexOf('\n', tokenStart) + 1, tokenStart))) {
        const split = templateLiteralUri(text, tokenStart, end, options);
        if (split) {
          findings.push(split);
          reportedUpTo = end;
        }
      }
      continue;
    }
    const params = parseQuery(text, start, end);
    const sig = params.find((p) => p.name === 'sig');
    if (!sig || !plausibleSignature(text.slice(sig.valueStart, sig.valueEnd))) continue;
    const literal: Literal | undefined = quote && text[end] === quote ? { start: tokenStart, end } : undefined;
    const chain = literal ? previousLiterals(text, literal) : [];
    const joined = chain.map((l) => text.slice(l.start, l.end)).join('');
    const flow = flowAt(text, tokenStart, options.fileName);
    if (joined.includes('://')) {
      const all = joined + text.slice(tokenStart, end);
      const uri = scanStorageUris(all).find((m) => m.queryStart !== undefined && m.queryEnd === all.length);
      // A URI of another host, or one the token does not complete: not a storage SAS.
      if (!uri || authOf(all, uri).kind !== 'sas') continue;
      findings.push({
        ruleId: 'sas-blob-uri', start: tokenStart, end, usage: flow?.usage, fixes: [],
        message: `Blob URI for storage account '${uri.account}' is split across joined literals and carries a SAS token (sig=***). `
          + `${storageAdvice(flow, 'the SAS literal')}: join the parts and drop the SAS. No automatic rewrite: the URI spans several literals.`,
      });
    } else {
      if (!params.some((p) => p.name === 'sv')) continue;
      findings.push({
        ruleId: 'sas-token', start: tokenStart, end, usage: flow?.usage, fixes: [],
        message: 'This string is a storage SAS token (sv=...&sig=***), a secret even before it is joined to a blob URI. '
          + `${storageAdvice(flow, 'appending the token')}, then revoke the SAS. No automatic rewrite: the token is joined to its URI elsewhere.`,
      });
    }
    reportedUpTo = end;
  }
  return findings;
}

/** `` `https://acct.blob.../${name}?sv=...&sig=...` ``: a URI with an interpolated path and a literal SAS. */
function templateLiteralUri(text: string, tokenStart: number, end: number, options: AnalyzeOptions): Finding | undefined {
  const lineStart = text.lastIndexOf('\n', tokenStart) + 1;
  const line = text.slice(lineStart, end);
  // Interpolations become a neutral path segment so the URI parses.
  const neutral = line.replace(/\$?\{[^{}\n]*\}|\$\([^()\n]*\)/g, (s) => 'x'.repeat(s.length));
  const uri = scanStorageUris(neutral).find((m) => m.queryEnd === neutral.length);
  if (!uri || authOf(neutral, uri).kind !== 'sas') return undefined;
  const flow = flowAt(text, tokenStart, options.fileName);
  // The account as written (the neutral copy replaced an interpolated one).
  const account = /^[a-z]+:\/\/(?:[^@/\s]*@)?(\$?\{[^}]*\}|[^./\s]+)/i.exec(line.slice(uri.start))?.[1] ?? uri.account;
  return {
    ruleId: 'sas-blob-uri', start: lineStart + uri.start, end, usage: flow?.usage, fixes: [],
    message: `Blob URI for storage account '${account}' carries a SAS token (sig=***) after an interpolated path. `
      + `${storageAdvice(flow, 'the query')}, then revoke the SAS. No automatic rewrite: the path is built at run time.`,
  };
}

export const sasTokenAnalyzer: TextAnalyzer = {
  id: 'sas-token',
  anchors: [ANCHOR],
  lineLocal: false,
  analyze: findSasTokens,
};
