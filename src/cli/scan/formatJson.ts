// The JSON report: an array of findings with 1-based positions; end positions
// are exclusive. reportWriter prints it a row at a time.

import type { ReportedFinding } from './report';

/** One finding as the JSON report prints it. */
export function jsonRow(f: ReportedFinding): unknown {
  return {
    file: f.file,
    line: f.region.startLine,
    column: f.region.startColumn,
    endLine: f.region.endLine,
    endColumn: f.region.endColumn,
    ruleId: f.ruleId,
    ...(f.usage ? { usage: f.usage } : {}),
    message: f.message,
  };
}
