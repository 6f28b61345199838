// `--fix`: applies each finding's preferred fix to the file's text. Edits are
// applied back to front so earlier offsets stay valid; a fix that overlaps one
// already applied is skipped (it is reported as still open).

import type { Finding, TextEdit } from '../../core/findings';

export interface FixOutcome {
  readonly text: string;
  /** The edits applied, back to front (non-overlapping, offsets in the input text). */
  readonly edits: readonly TextEdit[];
  readonly fixed: readonly Finding[];
  readonly unfixed: readonly Finding[];
}

export function applyPreferredFixes(text: string, findings: readonly Finding[]): FixOutcome {
  const fixable = findings
    .map((finding) => ({ finding, fix: finding.fixes.find((f) => f.isPreferred) }))
    .filter((x) => x.fix !== undefined && x.fix.edits.length > 0);
  const applied: TextEdit[] = [];
  const fixed = new Set<Finding>();
  for (const { finding, fix } of fixable) {
    const edits = fix!.edits;
    if (edits.some((e) => applied.some((a) => e.start < a.end && a.start < e.end))) continue;
    applied.push(...edits);
    fixed.add(finding);
  }
  applied.sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of applied) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return { text: out, edits: applied, fixed: findings.filter((f) => fixed.has(f)), unfixed: findings.filter((f) => !fixed.has(f)) };
}
