// `--fix` for one file: reads it with the stat that reveals a later change,
// applies the preferred fixes to its text (again until nothing changes, since
// a fix can reveal another finding), splices each rewrite into the original
// bytes and writes the result atomically. Bytes outside the rewritten ranges
// never change: a file that is not valid UTF-8 keeps its odd bytes, a UTF-16
// or UTF-32 file keeps its encoding and BOM.

import type { Finding } from '../../core/findings';
import type { KnownIdentity } from '../../core/identity';
import { analyzeText } from '../../core/scan/analyzeText';
import { applyPreferredFixes } from './applyFixes';
import { positionFindings, type PositionedFinding } from './report';
import { sizeFindings } from './sizeAnalysis';
import { decodeText, spliceBytes, type ByteEdit, type DecodedText } from './textEncoding';
import type { ScanTarget } from './walk';
import { readSnapshot, writeFileAtomic } from './writeAtomic';

const MAX_FIX_PASSES = 5;

export interface FixResult {
  /** The fixes applied, positioned in the text of the pass that applied them. */
  readonly fixed: readonly PositionedFinding[];
  /** What is left, positioned in the final text. */
  readonly remaining: readonly PositionedFinding[];
  /** Some fix was left out because the file's encoding cannot hold its text byte for byte. */
  readonly unencodable: boolean;
}

function encodable(finding: Finding, decoded: DecodedText): boolean {
  const fix = finding.fixes.find((f) => f.isPreferred);
  return !fix || fix.edits.every((e) => decoded.encode(e.newText) !== undefined);
}

/**
 * The new bytes of a file after its fixes (pure: no I/O but the size rule's
 * grammar loading). `fileName` picks the size rule's language.
 */
export async function fixBytes(original: Buffer, fileName: string, identities?: readonly KnownIdentity[]): Promise<FixResult & { readonly bytes: Buffer }> {
  let bytes = original;
  let decoded = decodeText(bytes);
  const fixed: PositionedFinding[] = [];
  let remaining: readonly Finding[] = [];
  let unencodable = false;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const findings = [...analyzeText(decoded.text, { identities, fileName }), ...(await sizeFindings(fileName, decoded.text))]
      .sort((a, b) => a.start - b.start)
      .map((f) => {
        if (encodable(f, decoded)) return f;
        unencodable = true;
        return { ...f, fixes: [] };
      });
    const outcome = applyPreferredFixes(decoded.text, findings);
    remaining = outcome.unfixed;
    if (outcome.fixed.length === 0) break;
    fixed.push(...positionFindings(decoded.text, outcome.fixed));
    const edits: ByteEdit[] = outcome.edits.map((e) => ({ start: decoded.byteOffset(e.start), end: decoded.byteOffset(e.end), bytes: decoded.encode(e.newText)! }));
    bytes = spliceBytes(bytes, edits);
    decoded = decodeText(bytes);
  }
  return { bytes, fixed, remaining: positionFindings(decoded.text, remaining), unencodable };
}

/** Fixes a file in place. Throws when it cannot be read or written, or changed meanwhile; it is then left as it was. */
export async function fixFile(target: ScanTarget, identities?: readonly KnownIdentity[]): Promise<FixResult> {
  const snapshot = readSnapshot(target.fsPath);
  const original = Buffer.from(snapshot.bytes.buffer, snapshot.bytes.byteOffset, snapshot.bytes.length);
  const result = await fixBytes(original, target.path, identities);
  if (!result.bytes.equals(original)) writeFileAtomic(target.fsPath, result.bytes, snapshot);
  return result;
}
