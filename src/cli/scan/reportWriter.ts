// The scan's report, written as the scan goes: each file's findings are
// formatted and handed on at once, then dropped. Memory no longer grows with
// the number of findings (on a tree of 15,000 findings the kept findings and
// the one report string came to about 30 MB), and the bytes are those the whole
// report would have had.

import { terminalSafeJson } from '../printable';
import { jsonRow } from './formatJson';
import { sarifDocument, sarifResult } from './formatSarif';
import { formatText } from './formatText';
import { jsonArrayStream, STREAMED_ITEMS } from './jsonArrayStream';
import type { ReportedFinding } from './report';

export type ReportFormat = 'text' | 'json' | 'sarif';

export interface ReportWriter {
  add(findings: readonly ReportedFinding[]): void;
  /** Writes what closes the report (JSON and SARIF). */
  end(): void;
  /** Findings written so far. */
  readonly count: number;
}

export function reportWriter(format: ReportFormat, write: (chunk: string) => void, cwd: string, toolVersion: string): ReportWriter {
  let count = 0;
  if (format === 'text') {
    return {
      add(findings) {
        count += findings.length;
        if (findings.length > 0) write(formatText(findings));
      },
      end() {},
      get count() { return count; },
    };
  }
  const stream = jsonArrayStream(format === 'json' ? STREAMED_ITEMS : sarifDocument(cwd, toolVersion, STREAMED_ITEMS), (chunk) => write(terminalSafeJson(chunk)));
  const item = format === 'json' ? jsonRow : sarifResult;
  return {
    add(findings) {
      count += findings.length;
      for (const f of findings) stream.add(item(f));
    },
    end() {
      stream.end();
    },
    get count() { return count; },
  };
}
