// The contract between analyzeText and each analyzer. Analyzers are synchronous
// and pure; each declares the literal strings it needs, so the CLI can skip
// decoding files that contain none of them.

import type { Finding } from '../findings';
import type { KnownIdentity } from '../identity';

export interface AnalyzeOptions {
  /** Identities offered as quick fixes next to the system-assigned one. */
  readonly identities?: readonly KnownIdentity[];
  /** Used by analyzers that care about the language; the text finders ignore it. */
  readonly fileName?: string;
}

export interface TextAnalyzer {
  readonly id: string;
  /**
   * Case-sensitive literals of which every text this analyzer reports on holds
   * at least one. Empty means "always run".
   */
  readonly anchors: readonly string[];
  /**
   * Every finding lies on, and depends only on, the lines holding an anchor.
   * Lets the CLI decode and analyse just those lines of a large file.
   */
  readonly lineLocal: boolean;
  analyze(text: string, options: AnalyzeOptions): Finding[];
}
