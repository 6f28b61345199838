// `path:line:col: rule-id: message`, one finding per line (compiler style, so
// terminals and editors turn it into links).

import { printable } from '../printable';
import type { ReportedFinding } from './report';

export function formatText(findings: readonly ReportedFinding[]): string {
  return findings.map((f) => `${printable(f.file)}:${f.region.startLine}:${f.region.startColumn}: ${f.ruleId}: ${printable(f.message)}\n`).join('');
}
