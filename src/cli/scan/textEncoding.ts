// How a file's bytes become the text the analyzers read, and how a rewrite of
// that text goes back into the bytes. Fixes are spliced into the original
// bytes, so every byte outside a rewritten range stays as it was, whatever the
// encoding: UTF-8 (with or without BOM), UTF-16 and UTF-32 with a BOM, and
// files that are not valid UTF-8 at all (Latin-1 comments, mixed encodings).

import { isUtf8 } from 'node:buffer';

export type EncodingName = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be' | 'utf32le' | 'utf32be';

/** The encoding a BOM announces; undefined when there is none (UTF-8 or bytes of no known encoding). */
export function bomEncoding(bytes: Uint8Array): Exclude<EncodingName, 'utf8'> | undefined {
  // Indexed reads: destructuring would run the iterator protocol for every file scanned.
  const b0 = bytes[0];
  const b1 = bytes[1];
  const b2 = bytes[2];
  const b3 = bytes[3];
  // UTF-32 LE starts like UTF-16 LE, so it is tested first.
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0 && bytes.length >= 4) return 'utf32le';
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return 'utf32be';
  if (b0 === 0xff && b1 === 0xfe) return 'utf16le';
  if (b0 === 0xfe && b1 === 0xff) return 'utf16be';
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return 'utf8-bom';
  return undefined;
}

/** True for encodings whose text is not byte-compatible with ASCII (the byte prefilter cannot see them). */
export function isWideEncoding(name: EncodingName | undefined): boolean {
  return name === 'utf16le' || name === 'utf16be' || name === 'utf32le' || name === 'utf32be';
}

/**
 * A decoded file. `byteOffset` maps a UTF-16 offset in `text` to the byte it
 * starts at; `encode` turns replacement text into bytes, or undefined when the
 * file's encoding cannot hold it byte-exactly.
 */
export interface DecodedText {
  readonly encoding: EncodingName;
  /** False for bytes that are not valid UTF-8 and carry no BOM: they are read as Latin-1, one char per byte. */
  readonly exact: boolean;
  readonly text: string;
  byteOffset(offset: number): number;
  encode(text: string): Buffer | undefined;
}

const BOM_LENGTH: Record<EncodingName, number> = { 'utf8': 0, 'utf8-bom': 3, 'utf16le': 2, 'utf16be': 2, 'utf32le': 4, 'utf32be': 4 };
const ASCII = /^[\u0000-\u007f]*$/; // eslint-disable-line no-control-regex -- ASCII includes the controls

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

export function decodeText(input: Uint8Array): DecodedText {
  const bytes = asBuffer(input);
  const encoding = bomEncoding(bytes) ?? 'utf8';
  const bom = BOM_LENGTH[encoding];
  switch (encoding) {
    case 'utf8':
    case 'utf8-bom': {
      const body = bytes.subarray(bom);
      if (!isUtf8(body)) {
        // One char per byte: offsets are byte offsets, and only ASCII rewrites are byte-exact.
        const text = body.toString('latin1');
        return { encoding, exact: false, text, byteOffset: (o) => bom + o, encode: (s) => (ASCII.test(s) ? Buffer.from(s, 'latin1') : undefined) };
      }
      const text = body.toString('utf8');
      return { encoding, exact: true, text, byteOffset: (o) => bom + Buffer.byteLength(text.slice(0, o), 'utf8'), encode: (s) => Buffer.from(s, 'utf8') };
    }
    case 'utf16le':
    case 'utf16be': {
      const body = bytes.subarray(bom, bom + ((bytes.length - bom) & ~1));
      const le = encoding === 'utf16le' ? body : Buffer.from(body).swap16();
      return {
        encoding, exact: true, text: le.toString('utf16le'),
        byteOffset: (o) => bom + 2 * o,
        encode: (s) => (encoding === 'utf16le' ? Buffer.from(s, 'utf16le') : Buffer.from(s, 'utf16le').swap16()),
      };
    }
    case 'utf32le':
    case 'utf32be': {
      const big = encoding === 'utf32be';
      let text = '';
      const chunk: number[] = [];
      for (let i = bom; i + 4 <= bytes.length; i += 4) {
        const cp = big ? bytes.readUInt32BE(i) : bytes.readUInt32LE(i);
        chunk.push(cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? 0xfffd : cp);
        if (chunk.length === 4096) { text += String.fromCodePoint(...chunk); chunk.length = 0; }
      }
      text += String.fromCodePoint(...chunk);
      return {
        encoding, exact: true, text,
        byteOffset: (o) => bom + 4 * codePointCount(text, o),
        encode: (s) => {
          const cps = [...s].map((c) => c.codePointAt(0)!);
          const out = Buffer.alloc(cps.length * 4);
          cps.forEach((cp, i) => (big ? out.writeUInt32BE(cp, i * 4) : out.writeUInt32LE(cp, i * 4)));
          return out;
        },
      };
    }
  }
}

function codePointCount(text: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

export interface ByteEdit {
  readonly start: number;
  readonly end: number;
  readonly bytes: Uint8Array;
}

/** `bytes` with each edit's range replaced; edits must not overlap. Everything else is copied as is. */
export function spliceBytes(bytes: Uint8Array, edits: readonly ByteEdit[]): Buffer {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const e of sorted) {
    if (e.start < at || e.end < e.start || e.end > bytes.length) throw new RangeError('overlapping or out-of-range byte edit');
    parts.push(bytes.subarray(at, e.start), e.bytes);
    at = e.end;
  }
  parts.push(bytes.subarray(at));
  return Buffer.concat(parts);
}
