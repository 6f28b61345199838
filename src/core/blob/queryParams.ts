// Splits a SAS query as it is written in source, without decoding it first: the
// separators may be `&`, `&amp;` (XML/HTML), `%26` (URL-encoded) or `\u0026`
// (JSON), and `=` may be `%3D`. Offsets stay in the original text.

export interface QueryParam {
  /** Lower-cased parameter name. */
  readonly name: string;
  /** Offsets of the raw (still encoded) value in the text. */
  readonly valueStart: number;
  readonly valueEnd: number;
}

/** Length of the separator starting at `i`, or 0. Entity forms are tested before bare `&`. */
export function separatorLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 38 /* & */) {
    if (startsWithIgnoreCase(text, i, '&amp;')) return 5;
    if (text.startsWith('&#38;', i)) return 5;
    if (startsWithIgnoreCase(text, i, '&#x26;')) return 6;
    return 1;
  }
  if (c === 37 /* % */ && text.charCodeAt(i + 1) === 50 /* 2 */ && text.charCodeAt(i + 2) === 54 /* 6 */) return 3;
  if (c === 92 /* \ */ && text.startsWith('\\u0026', i)) return 6;
  return 0;
}

/** Length of a `=` / `%3D` at `i`, or 0. */
function equalsLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 61 /* = */) return 1;
  if (c === 37 && text.charCodeAt(i + 1) === 51 /* 3 */ && (text.charCodeAt(i + 2) | 0x20) === 100 /* d */) return 3;
  return 0;
}

export function startsWithIgnoreCase(text: string, at: number, lowerNeedle: string): boolean {
  if (at + lowerNeedle.length > text.length) return false;
  for (let k = 0; k < lowerNeedle.length; k++) {
    let c = text.charCodeAt(at + k);
    if (c >= 65 && c <= 90) c |= 0x20;
    if (c !== lowerNeedle.charCodeAt(k)) return false;
  }
  return true;
}

/** Parameters of the query `text[start, end)` (the part after `?`). */
export function parseQuery(text: string, start: number, end: number): QueryParam[] {
  const params: QueryParam[] = [];
  let segStart = start;
  let i = start;
  while (i <= end) {
    const sep = i < end ? separatorLength(text, i) : 1;
    if (sep === 0) {
      i++;
      continue;
    }
    if (i > segStart) params.push(splitParam(text, segStart, i));
    i += sep;
    segStart = i;
  }
  return params;
}

function splitParam(text: string, start: number, end: number): QueryParam {
  for (let i = start; i < end; i++) {
    const eq = equalsLength(text, i);
    if (eq > 0) {
      return { name: text.slice(start, i).toLowerCase(), valueStart: i + eq, valueEnd: end };
    }
  }
  return { name: text.slice(start, end).toLowerCase(), valueStart: end, valueEnd: end };
}

/** Percent-decodes a value, leaving malformed escapes as they are. */
export function decodeValue(raw: string): string {
  const plain = raw.replace(/&amp;/gi, '&');
  try {
    return decodeURIComponent(plain);
  } catch {
    return plain.replace(/%([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
}
