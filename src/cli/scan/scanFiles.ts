// Scans a list of files with a fixed number of concurrent readers, each reusing
// one read buffer. Bytes are searched for the analyzers' anchors first; only
// the lines around a hit are ever decoded.

import type { KnownIdentity } from '../../core/identity';
import { analyzeBytes, decodeFile } from './analyzeBytes';
import { isKqlFile, kqlSyntaxFindings } from './kqlSyntaxAnalysis';
import { readFileBounded } from './readFileBounded';
import { positionFindings, type PositionedFinding } from './report';
import { mayHaveSizeFindings, sizeFindings } from './sizeAnalysis';

export interface FileFindings {
  /** Absolute path. */
  readonly file: string;
  readonly findings: readonly PositionedFinding[];
}

export interface ScanFilesOptions {
  readonly maxFileSize: number;
  readonly concurrency?: number;
  readonly identities?: readonly KnownIdentity[];
  readonly onSkipped: (file: string, reason: 'too-large' | 'binary', size: number) => void;
  readonly onError: (file: string, error: Error) => void;
}

export interface ScanFilesResult {
  /** Files with at least one finding, in the order of `files`. */
  readonly results: FileFindings[];
  readonly scannedFiles: number;
  readonly scannedBytes: number;
}

// Most source files fit: they are read with one call and never copied.
const SCRATCH_SIZE = 1024 * 1024;
const BINARY_PROBE = 8192;

export async function scanFiles(files: readonly string[], options: ScanFilesOptions): Promise<ScanFilesResult> {
  const found: (FileFindings | undefined)[] = new Array(files.length);
  let next = 0;
  let scannedFiles = 0;
  let scannedBytes = 0;

  async function worker(): Promise<void> {
    const scratch = Buffer.allocUnsafe(SCRATCH_SIZE);
    while (next < files.length) {
      const index = next++;
      const file = files[index];
      try {
        const outcome = await readFileBounded(file, options.maxFileSize, scratch);
        if (outcome.kind === 'too-large') {
          options.onSkipped(file, 'too-large', outcome.size);
          continue;
        }
        const bytes = outcome.bytes;
        // Same rule as git and ripgrep: a NUL byte near the start means binary.
        if (bytes.subarray(0, BINARY_PROBE).indexOf(0) !== -1) {
          options.onSkipped(file, 'binary', bytes.length);
          continue;
        }
        scannedFiles++;
        scannedBytes += bytes.length;
        const findings = analyzeBytes(bytes, options.identities, file);
        // The size rule needs a syntax tree, so only its (rare) candidates are decoded whole.
        if (mayHaveSizeFindings(file, bytes)) {
          const { text } = decodeFile(bytes);
          findings.push(...positionFindings(text, await sizeFindings(file, text)));
          findings.sort((a, b) => a.region.startLine - b.region.startLine || a.region.startColumn - b.region.startColumn);
        }
        // KQL files are parsed whole by Kusto's parser (rule kql-syntax).
        if (isKqlFile(file)) {
          const { text } = decodeFile(bytes);
          findings.push(...positionFindings(text, kqlSyntaxFindings(text)));
          findings.sort((a, b) => a.region.startLine - b.region.startLine || a.region.startColumn - b.region.startColumn);
        }
        if (findings.length > 0) found[index] = { file, findings };
      } catch (e) {
        options.onError(file, e as Error);
      }
    }
  }

  const count = Math.max(1, Math.min(options.concurrency ?? 8, files.length));
  await Promise.all(Array.from({ length: count }, worker));
  return { results: found.filter((r): r is FileFindings => r !== undefined), scannedFiles, scannedBytes };
}
