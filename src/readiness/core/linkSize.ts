// Which `mi-blob-size-missing` findings are about one URI. A finding marks the
// ingestion call (its callee name), not the URI, so a call is linked to the
// URI when its argument list holds the URI itself or the name the URI is
// assigned to (`const ReturnsBlob = "https://...;managed_identity=system"`).
// Text-level on purpose: cheap, language-agnostic, and the size analyzer has
// already done the scope resolution that decided the call needs a size.
import type { Finding } from '../../core/findings';

/** The identifier a string literal starting at `uriStart` is assigned to, if any. */
export function nameBoundTo(text: string, uriStart: number): string | undefined {
  let before = text.slice(Math.max(0, uriStart - 300), uriStart);
  // The opening quote and a string prefix (C# @ $, Python r b f u, Go/JS backtick).
  before = before.replace(/(?:\$@|@\$|[@$]|[rRbBfFuU]{1,2})?["'`]$/, '').replace(/\s+$/, '');
  const m = /([A-Za-z_][A-Za-z0-9_]*)\s*(?::\s*[A-Za-z_][\w.<>[\]?, ]*)?\s*:?=$/.exec(before);
  return m?.[1];
}

/** The callee and its argument list (or object initializer), up to the matching bracket. */
export function callText(text: string, finding: Pick<Finding, 'start' | 'end'>): string {
  const open = text.slice(finding.end, finding.end + 200).search(/[({]/);
  if (open < 0) return text.slice(finding.start, finding.end);
  let depth = 0;
  const limit = Math.min(text.length, finding.end + open + 8000);
  for (let i = finding.end + open; i < limit; i++) {
    const c = text[i];
    if (c === '(' || c === '{' || c === '[') depth++;
    else if ((c === ')' || c === '}' || c === ']') && --depth === 0) return text.slice(finding.start, i + 1);
  }
  return text.slice(finding.start, limit);
}

export interface LinkedFindings {
  readonly linked: readonly Finding[];
  readonly unlinked: readonly Finding[];
}

export function linkSizeFindings(text: string, findings: readonly Finding[], uriStart: number, uriEnd: number): LinkedFindings {
  const literal = text.slice(uriStart, uriEnd);
  const name = nameBoundTo(text, uriStart);
  const byName = name ? new RegExp(`(?<![A-Za-z0-9_$])${name}(?![A-Za-z0-9_$])`) : undefined;
  const linked: Finding[] = [];
  const unlinked: Finding[] = [];
  for (const f of findings) {
    const call = callText(text, f);
    (call.includes(literal) || byName?.test(call) ? linked : unlinked).push(f);
  }
  return { linked, unlinked };
}
