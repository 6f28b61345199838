// Scans a list of files in one tight loop with one reused read buffer. Bytes
// are searched for the analyzers' anchors first; only the lines around a hit
// are ever decoded. UTF-16 and UTF-32 files (found by their BOM) are decoded
// whole, since their bytes hide the anchors from a byte search.

import type { Finding } from '../../core/findings';
import type { KnownIdentity } from '../../core/identity';
import { analyzeText } from '../../core/scan/analyzeText';
import { analyzeBytes, decodeFile } from './analyzeBytes';
import { isKqlFile, kqlSyntaxFindings } from './kqlSyntaxAnalysis';
import { readFileBounded } from './readFileBounded';
import { positionFindings, type PositionedFinding } from './report';
import { mayHaveSizeFindings, mayTextHaveSizeFindings, sizeFindings } from './sizeAnalysis';
import { bomEncoding, decodeText, isWideEncoding } from './textEncoding';
import type { ScanTarget } from './walk';

export interface FileFindings {
  readonly target: ScanTarget;
  readonly findings: readonly PositionedFinding[];
}

export interface ScanFilesOptions {
  readonly maxFileSize: number;
  /** Run Kusto's parser on KQL files (rule kql-syntax); default true. */
  readonly kqlSyntax?: boolean;
  readonly identities?: readonly KnownIdentity[];
  readonly onSkipped: (file: string, reason: 'too-large' | 'binary', size: number) => void;
  readonly onError: (file: string, error: Error) => void;
  /**
   * Takes each file's findings as soon as they are known, in the order of
   * `files`; they are then not kept in `results` (a report written as it goes).
   */
  readonly onFindings?: (result: FileFindings) => void | Promise<void>;
}

export interface ScanFilesResult {
  /** Files with at least one finding, in the order of `files` (empty with `onFindings`). */
  readonly results: FileFindings[];
  readonly scannedFiles: number;
  readonly scannedBytes: number;
}

// Most source files fit: they are read with one call and never copied.
const SCRATCH_SIZE = 1024 * 1024;
const BINARY_PROBE = 8192;

function byPosition(a: PositionedFinding, b: PositionedFinding): number {
  return a.region.startLine - b.region.startLine || a.region.startColumn - b.region.startColumn;
}

/** positionFindings, without indexing the lines of a whole file when there is nothing to position (the usual case). */
function positionSome(text: string, findings: readonly Finding[]): PositionedFinding[] {
  return findings.length === 0 ? [] : positionFindings(text, findings);
}

export async function scanFiles(files: readonly ScanTarget[], options: ScanFilesOptions): Promise<ScanFilesResult> {
  const results: FileFindings[] = [];
  let scannedFiles = 0;
  let scannedBytes = 0;
  const scratch = Buffer.allocUnsafe(SCRATCH_SIZE);

  for (const target of files) {
    const file = target.path;
    let found: FileFindings | undefined;
    try {
      const outcome = readFileBounded(target.fsPath, options.maxFileSize, scratch);
      if (outcome.kind === 'too-large') {
        options.onSkipped(file, 'too-large', outcome.size);
        continue;
      }
      const bytes = outcome.bytes;
      let findings: PositionedFinding[];
      if (isWideEncoding(bomEncoding(bytes))) {
        const { text } = decodeText(bytes);
        findings = positionFindings(text, analyzeText(text, { identities: options.identities, fileName: file }));
        if (mayTextHaveSizeFindings(file, text)) findings.push(...positionSome(text, await sizeFindings(file, text)));
      } else {
        // Same rule as git and ripgrep: a NUL byte near the start means binary.
        if (bytes.subarray(0, BINARY_PROBE).indexOf(0) !== -1) {
          options.onSkipped(file, 'binary', bytes.length);
          continue;
        }
        findings = analyzeBytes(bytes, options.identities, file);
        // The size rule needs a syntax tree, so only its (rare) candidates are decoded whole.
        if (mayHaveSizeFindings(file, bytes)) {
          const { text } = decodeFile(bytes);
          findings.push(...positionSome(text, await sizeFindings(file, text)));
        }
      }
      // KQL files are parsed whole by Kusto's parser (rule kql-syntax), whatever their encoding.
      if (options.kqlSyntax !== false && isKqlFile(file)) {
        const { text } = isWideEncoding(bomEncoding(bytes)) ? decodeText(bytes) : decodeFile(bytes);
        findings.push(...positionSome(text, kqlSyntaxFindings(text)));
      }
      scannedFiles++;
      scannedBytes += bytes.length;
      if (findings.length > 0) found = { target, findings: findings.sort(byPosition) };
    } catch (e) {
      options.onError(file, e as Error);
    }
    if (!found) continue;
    if (options.onFindings) await options.onFindings(found);
    else results.push(found);
  }
  return { results, scannedFiles, scannedBytes };
}
