// Entry point of the text analysis shared by the editor and the CLI: runs every
// registered analyzer over one text and returns their findings by offset.

import type { Finding } from '../findings';
import { storageUriAnalyzer } from '../blob/storageUriAnalyzer';
import { connectionStringKeyAnalyzer } from '../secrets/connectionStringKeys';
import { sasTokenAnalyzer } from '../secrets/sasTokens';
import { sqlSecretAnalyzer } from '../secrets/sqlConnectionStrings';
import type { AnalyzeOptions, TextAnalyzer } from './analyzer';

export type { AnalyzeOptions, TextAnalyzer } from './analyzer';
export { LineIndex, offsetToLineColumn, type LineColumn } from './lineIndex';

/** The analyzers analyzeText runs, in order. Add new synchronous analyzers here. */
export const TEXT_ANALYZERS: readonly TextAnalyzer[] = [storageUriAnalyzer, connectionStringKeyAnalyzer, sasTokenAnalyzer, sqlSecretAnalyzer];

/**
 * Every literal any analyzer needs; a text holding none of them has no findings.
 * Undefined when some analyzer has no anchors (it must see every text).
 */
export const ANALYZER_ANCHORS: readonly string[] | undefined = TEXT_ANALYZERS.every((a) => a.anchors.length > 0)
  ? [...new Set(TEXT_ANALYZERS.flatMap((a) => a.anchors))]
  : undefined;

/** True when analysing only the lines around anchors gives the same findings as the whole text. */
export const ANALYZERS_LINE_LOCAL: boolean = TEXT_ANALYZERS.every((a) => a.lineLocal);

export function analyzeText(text: string, options: AnalyzeOptions = {}): Finding[] {
  return analyzeWith(TEXT_ANALYZERS, text, options);
}

/** analyzeText with an explicit analyzer list (tests, or a caller with extra analyzers). */
export function analyzeWith(analyzers: readonly TextAnalyzer[], text: string, options: AnalyzeOptions = {}): Finding[] {
  const findings: Finding[] = [];
  // Each analyzer searches for its own anchors; checking them here too would cost a second pass.
  for (const analyzer of analyzers) {
    for (const f of analyzer.analyze(text, options)) findings.push(f);
  }
  return findings.sort((a, b) => a.start - b.start || a.end - b.end);
}
