// The statements of a KQL file: blocks of consecutive non-blank lines, as Kusto
// Explorer and the Azure Data Explorer web UI treat them. A blank line inside a
// triple-backtick literal does not end a block. The language server parses and
// caches each block on its own, so a keystroke re-parses one block only.

export interface CodeBlock {
  /** UTF-16 offset of the block's first character. */
  readonly start: number;
  /** Offset just past the block's last non-newline character. */
  readonly end: number;
  /** 0-based, inclusive. */
  readonly startLine: number;
  readonly endLine: number;
  readonly text: string;
}

const LINE = /[^\r\n]*(\r\n|\r|\n|$)/g;

export function codeBlocks(text: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  let start = -1;
  let startLine = 0;
  let end = 0;
  let endLine = 0;
  let inMultiline = false;
  let line = 0;
  const close = () => {
    if (start >= 0) blocks.push({ start, end, startLine, endLine, text: text.slice(start, end) });
    start = -1;
  };
  LINE.lastIndex = 0;
  for (let m = LINE.exec(text); m; m = LINE.exec(text), line++) {
    const lineStart = m.index;
    const content = m[0].slice(0, m[0].length - m[1].length);
    if (content.trim() === '' && !inMultiline) {
      close();
    } else {
      if (start < 0) {
        start = lineStart;
        startLine = line;
      }
      end = lineStart + content.length;
      endLine = line;
      // An odd number of ``` on a line opens or closes a multi-line literal.
      if ((content.split('```').length - 1) % 2 === 1) inMultiline = !inMultiline;
    }
    if (m[1] === '') break;
  }
  close();
  return blocks;
}

/** The block holding `offset` (its end counts as inside, where the caret sits after typing). */
export function blockAt(blocks: readonly CodeBlock[], offset: number): CodeBlock | undefined {
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = blocks[mid];
    if (offset < b.start) hi = mid - 1;
    else if (offset > b.end) lo = mid + 1;
    else return b;
  }
  return undefined;
}
