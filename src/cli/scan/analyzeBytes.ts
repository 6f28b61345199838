// Analyses a file's bytes without decoding all of it: the analyzers are
// line-local, so only the lines holding an anchor are decoded and analysed,
// and their line numbers come from counting newlines in the bytes. On a tree
// where most files mention no storage host this is the difference between
// memchr speed and UTF-8-decoding speed.

import type { KnownIdentity } from '../../core/identity';
import { ANALYZER_ANCHORS, ANALYZERS_LINE_LOCAL, analyzeText } from '../../core/scan/analyzeText';
import { anchorSearch, indexOfAnchor, type AnchorSearch } from './anchorSearch';
import { positionFindings, type PositionedFinding } from './report';

const ANCHORS = ANALYZER_ANCHORS?.map(anchorSearch);
const NEWLINE = 10;
const CR = 13;

export interface DecodedFile {
  readonly text: string;
  readonly hasBom: boolean;
}

export function decodeFile(bytes: Uint8Array): DecodedFile {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8', hasBom ? 3 : 0), hasBom };
}

/** Byte ranges of whole lines that contain an anchor, merged and sorted. */
function anchorLines(bytes: Buffer, anchors: readonly AnchorSearch[]): Array<[number, number]> {
  const hits: number[] = [];
  for (const search of anchors) {
    for (let i = indexOfAnchor(bytes, search); i !== -1; i = indexOfAnchor(bytes, search, i + search.anchor.length)) hits.push(i);
  }
  if (hits.length === 0) return [];
  hits.sort((a, b) => a - b);
  const windows: Array<[number, number]> = [];
  for (const hit of hits) {
    const last = windows[windows.length - 1];
    if (last && hit < last[1]) continue; // same line as the previous hit
    const start = hit === 0 ? 0 : bytes.lastIndexOf(NEWLINE, hit - 1) + 1;
    const nl = bytes.indexOf(NEWLINE, hit);
    windows.push([start, nl === -1 ? bytes.length : nl]);
  }
  return windows;
}

/**
 * Line breaks in bytes[from, to): "\n", "\r\n" and a lone "\r", as an editor
 * counts them. memchr per line beats a byte loop by about 2x.
 */
function countLineBreaks(bytes: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = bytes.indexOf(NEWLINE, from); i !== -1 && i < to; i = bytes.indexOf(NEWLINE, i + 1)) n++;
  for (let i = bytes.indexOf(CR, from); i !== -1 && i < to; i = bytes.indexOf(CR, i + 1)) {
    if (bytes[i + 1] !== NEWLINE) n++;
  }
  return n;
}

/** Findings of `analyzeText` on the file, positioned by line and column. */
export function analyzeBytes(bytes: Buffer, identities?: readonly KnownIdentity[], fileName?: string): PositionedFinding[] {
  if (!ANCHORS || !ANALYZERS_LINE_LOCAL) {
    // Findings depend on the command around them (the flow): decode the whole
    // file, but only when it holds an anchor at all (most files hold none).
    if (ANCHORS && !ANCHORS.some((a) => indexOfAnchor(bytes, a) !== -1)) return [];
    const { text } = decodeFile(bytes);
    return positionFindings(text, analyzeText(text, { identities, fileName }));
  }
  const windows = anchorLines(bytes, ANCHORS);
  const found: PositionedFinding[] = [];
  let line = 1;
  let counted = 0;
  for (const [start, end] of windows) {
    // Skip a UTF-8 BOM on the first line so columns match what an editor shows.
    const from = start === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    const text = bytes.toString('utf8', start + from, end);
    const findings = analyzeText(text, { identities, fileName });
    if (findings.length === 0) continue;
    // Lines are counted only up to windows that have findings: most hits are harmless.
    line += countLineBreaks(bytes, counted, start);
    counted = start;
    found.push(...positionFindings(text, findings, line));
  }
  return found;
}
