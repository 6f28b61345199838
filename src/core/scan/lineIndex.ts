// Maps UTF-16 offsets to 1-based line/column (the CLI's and SARIF's positions).
// Line starts are found once; each lookup is a binary search. Lines end at
// "\n", "\r\n" or a lone "\r" (old Mac files), as an editor shows them.

import { lastIndexAtOrBefore } from '../sortedSearch';

export interface LineColumn {
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units (SARIF's default `columnKind`). */
  readonly column: number;
}

export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    if (!text.includes('\r')) {
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.starts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): LineColumn {
    const line = lastIndexAtOrBefore(this.starts, offset);
    return { line: line + 1, column: offset - this.starts[line] + 1 };
  }
}

/** One-off conversion; build a LineIndex when converting many offsets of one text. */
export function offsetToLineColumn(text: string, offset: number): LineColumn {
  return new LineIndex(text).positionAt(offset);
}
