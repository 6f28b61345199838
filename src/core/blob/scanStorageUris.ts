// Language-agnostic finder for Azure Storage URIs in raw text. It does not
// tokenise any language: it jumps from one `.blob.` / `.dfs.` hit to the next
// with indexOf and parses outwards from there, stopping the URI at the first
// quote, whitespace or other character a URI in source code cannot contain.
// That is what makes it fast enough to run on every keystroke and on whole trees.

import { CLOUD_SUFFIXES, DNS_ZONE_SUFFIX, type StorageService } from './storageHosts';
import { parseQuery, separatorLength, startsWithIgnoreCase, type QueryParam } from './queryParams';

export interface StorageUriMatch {
  /** Offsets of the whole URI (scheme to the end of the query or `;` suffix). */
  readonly start: number;
  readonly end: number;
  /** End of scheme + host + path: the part a rewrite keeps verbatim. */
  readonly baseEnd: number;
  /** `https`, `http`, `abfss` or `abfs`, as written (lower-cased). */
  readonly scheme: string;
  /** The URI is itself URL-encoded (`https%3A%2F%2F...`) inside another value. */
  readonly encoded: boolean;
  /** ADLS file system (`abfss://<fs>@...`). */
  readonly fileSystem?: string;
  /** Account label as written; may be an interpolation such as `{account}`. */
  readonly account: string;
  /** `z<NN>` label of an Azure DNS-zone endpoint. */
  readonly dnsZone?: string;
  readonly service: StorageService;
  /** `core.windows.net`, ..., or `storage.azure.net`. */
  readonly cloudSuffix: string;
  /** Offset just after host[:port]; the path runs from here to `baseEnd`. */
  readonly hostEnd: number;
  /** The query after `?`: [queryStart, queryEnd), when there is one. */
  readonly queryStart?: number;
  readonly queryEnd?: number;
  readonly params: readonly QueryParam[];
  /** `;...` after the path or query (`;managed_identity=...`, `;<account key>`): [suffixStart, end). */
  readonly suffixStart?: number;
}

// Characters that end a URI in source text: whitespace, quotes, angle brackets,
// a backslash (string escape), `)` `]` (Markdown links, calls) and `|`.
const STOP = new Uint8Array(128);
for (const c of ' \t\r\n\f\v"\'`<>\\)]|') STOP[c.charCodeAt(0)] = 1;

function isStop(c: number): boolean {
  if (c < 128) return STOP[c] === 1 || c < 32;
  // No-break space, typographic quotes and the ideographic space end a URI in prose.
  return c === 0xa0 || (c >= 0x2018 && c <= 0x201f) || c === 0x3000 || c === 0x2028 || c === 0x2029 || Number.isNaN(c);
}

function isLabelChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c === 45 || c === 95;
}

function isAlpha(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** All storage URIs in `text`, in order. */
export function scanStorageUris(text: string): StorageUriMatch[] {
  const matches: StorageUriMatch[] = [];
  let nextBlob = text.indexOf('.blob.');
  let nextDfs = text.indexOf('.dfs.');
  let resumeAt = 0;
  while (nextBlob !== -1 || nextDfs !== -1) {
    const isBlob = nextDfs === -1 || (nextBlob !== -1 && nextBlob < nextDfs);
    const anchor = isBlob ? nextBlob : nextDfs;
    if (isBlob) nextBlob = text.indexOf('.blob.', anchor + 1);
    else nextDfs = text.indexOf('.dfs.', anchor + 1);
    if (anchor < resumeAt) continue; // inside the previous match's path
    const m = parseAt(text, anchor, isBlob ? 'blob' : 'dfs');
    if (m) {
      matches.push(m);
      resumeAt = m.end;
    }
  }
  return matches;
}

interface Span {
  readonly start: number;
  readonly value: string;
}

/**
 * The host label ending at `end`: a DNS label, or an interpolation standing for
 * one (`{account}`, `${account}`, `$account`, `<account>`, `%ACCOUNT%`).
 */
function labelBefore(text: string, end: number): Span | undefined {
  const last = text.charCodeAt(end - 1);
  const close = last === 125 /* } */ ? '{' : last === 62 /* > */ ? '<' : last === 37 /* % */ ? '%' : undefined;
  if (close) {
    // Bounded search: an unmatched `}` must not make the scan quadratic.
    let open = end - 2;
    while (open >= 0 && end - open <= 128 && text[open] !== close) open--;
    if (open < 0 || end - open > 128) return undefined;
    const inner = text.slice(open, end);
    if (/[\s"'`]/.test(inner)) return undefined;
    const start = close === '{' && text.charCodeAt(open - 1) === 36 /* $ */ ? open - 1 : open;
    return { start, value: text.slice(start, end) };
  }
  let start = end;
  while (start > 0 && end - start < 64 && isLabelChar(text.charCodeAt(start - 1))) start--;
  // In `https%3A%2F%2Facct` the greedy walk took the `2F` of the escape too.
  if (text.charCodeAt(start - 1) === 37 /* % */ && end - start > 2) start += 2;
  if (start === end) return undefined;
  if (text.charCodeAt(start - 1) === 36 /* $ */) start--; // PowerShell / shell variable
  return { start, value: text.slice(start, end) };
}

interface Authority {
  readonly start: number;
  readonly scheme: string;
  readonly encoded: boolean;
  readonly fileSystem?: string;
}

/** Length of `//` or `%2F%2F` ending at `end`, or 0. */
function slashesBefore(text: string, end: number): number {
  if (text.charCodeAt(end - 1) === 47 && text.charCodeAt(end - 2) === 47) return 2;
  if (end >= 6 && startsWithIgnoreCase(text, end - 6, '%2f%2f')) return 6;
  return 0;
}

/** Scheme (and ADLS file system) in front of the account label starting at `accountStart`. */
function authorityBefore(text: string, accountStart: number): Authority | undefined {
  let p = accountStart;
  let fileSystem: string | undefined;
  if (text.charCodeAt(p - 1) === 64 /* @ */) {
    let fs = p - 1;
    while (fs > 0 && p - fs < 80) {
      const c = text.charCodeAt(fs - 1);
      if (!(isLabelChar(c) || c === 36 || c === 123 || c === 125 || c === 46)) break;
      fs--;
    }
    if (fs === p - 1) return undefined;
    fileSystem = text.slice(fs, p - 1);
    p = fs;
  }
  const slashes = slashesBefore(text, p);
  if (slashes === 0) return undefined;
  const encoded = slashes === 6;
  p -= slashes;
  if (encoded) {
    if (!startsWithIgnoreCase(text, p - 3, '%3a')) return undefined;
    p -= 3;
  } else {
    if (text.charCodeAt(p - 1) !== 58 /* : */) return undefined;
    p -= 1;
  }
  let s = p;
  while (s > 0 && p - s < 6 && isAlpha(text.charCodeAt(s - 1))) s--;
  if (s > 0 && isAlpha(text.charCodeAt(s - 1))) return undefined;
  const scheme = text.slice(s, p).toLowerCase();
  const ok = fileSystem === undefined ? scheme === 'https' || scheme === 'http' : scheme === 'abfss' || scheme === 'abfs';
  return ok ? { start: s, scheme, encoded, fileSystem } : undefined;
}

function parseAt(text: string, anchor: number, service: StorageService): StorageUriMatch | undefined {
  // Host, right to left: [z<NN>.]<account> then scheme://[fs@]
  const first = labelBefore(text, anchor);
  if (!first) return undefined;
  let account = first;
  let dnsZone: string | undefined;
  if (/^z\d\d$/i.test(first.value) && text.charCodeAt(first.start - 1) === 46 /* . */) {
    const acc = labelBefore(text, first.start - 1);
    if (!acc) return undefined;
    dnsZone = first.value;
    account = acc;
  }
  const authority = authorityBefore(text, account.start);
  if (!authority) return undefined;

  // Host, left to right: the cloud suffix, then an optional port.
  const suffixAt = anchor + service.length + 2;
  const cloudSuffix = dnsZone
    ? (text.startsWith(DNS_ZONE_SUFFIX, suffixAt) ? DNS_ZONE_SUFFIX : undefined)
    : CLOUD_SUFFIXES.find((s) => text.startsWith(s, suffixAt));
  if (!cloudSuffix) return undefined;
  let hostEnd = suffixAt + cloudSuffix.length;
  if (text.charCodeAt(hostEnd) === 58 /* : */) {
    let q = hostEnd + 1;
    while (q < text.length && text.charCodeAt(q) >= 48 && text.charCodeAt(q) <= 57) q++;
    if (q > hostEnd + 1) hostEnd = q;
  }
  const after = text.charCodeAt(hostEnd);
  if (hostEnd < text.length && (isLabelChar(after) || after === 46 /* . */)) return undefined; // e.g. core.windows.net.evil.com

  const { encoded } = authority;
  // Path: up to `?`, `;`, `#` or a stop character.
  let i = hostEnd;
  let queryMark = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 63 /* ? */ || c === 59 /* ; */ || c === 35 /* # */ || isStop(c)) break;
    if (encoded && c === 37 && startsWithIgnoreCase(text, i, '%3f')) {
      queryMark = 3;
      break;
    }
    if (encoded && c === 38 /* & */) break; // next parameter of the enclosing URL
  }
  const baseEnd = i;
  let end = i;
  let queryStart: number | undefined;
  let queryEnd: number | undefined;
  let params: QueryParam[] = [];
  if (text.charCodeAt(i) === 63 || queryMark) {
    queryStart = i + (queryMark || 1);
    let j = queryStart;
    for (; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c === 92 /* \ */ && separatorLength(text, j) === 6) {
        j += 5; // `\u0026` is a JSON-escaped `&`
        continue;
      }
      if (c === 35 || isStop(c)) break;
      if (c === 38 && encoded) break;
      // `;` ends the query unless it closes an `&amp;` / `&#38;` / `&#x26;` separator.
      if (c === 59 /* ; */ && !(j - 4 >= queryStart && separatorLength(text, j - 4) === 5)
        && !(j - 5 >= queryStart && separatorLength(text, j - 5) === 6 && text.charCodeAt(j - 5) === 38)) break;
    }
    queryEnd = j;
    end = j;
    params = parseQuery(text, queryStart, queryEnd);
  }
  let suffixStart: number | undefined;
  if (text.charCodeAt(end) === 59 /* ; */) {
    suffixStart = end;
    let k = end + 1;
    while (k < text.length && !isStop(text.charCodeAt(k))) k++;
    end = k;
  }
  return {
    start: authority.start,
    end,
    baseEnd,
    scheme: authority.scheme,
    encoded,
    fileSystem: authority.fileSystem,
    account: account.value,
    dnsZone,
    service,
    cloudSuffix,
    hostEnd,
    queryStart,
    queryEnd,
    params,
    suffixStart,
  };
}
