// A JSON array of findings with 1-based positions; end positions are exclusive.

import type { ReportedFinding } from './report';

export function formatJson(findings: readonly ReportedFinding[]): string {
  const rows = findings.map((f) => ({
    file: f.file,
    line: f.region.startLine,
    column: f.region.startColumn,
    endLine: f.region.endLine,
    endColumn: f.region.endColumn,
    ruleId: f.ruleId,
    ...(f.usage ? { usage: f.usage } : {}),
    message: f.message,
  }));
  return `${JSON.stringify(rows, null, 2)}\n`;
}
