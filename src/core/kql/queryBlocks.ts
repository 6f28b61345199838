// KQL files hold several queries or commands separated by blank lines (the
// convention of Kusto Explorer and the Azure Data Explorer web UI): each block
// of two or more lines folds as one region.

export interface LineBlock {
  /** 0-based, inclusive. */
  readonly startLine: number;
  readonly endLine: number;
}

/**
 * Blocks of consecutive non-blank lines that span more than one line. A blank
 * line inside a triple-backtick literal does not end a block.
 */
export function queryBlocks(text: string): LineBlock[] {
  const lines = text.split(/\r?\n/);
  const blocks: LineBlock[] = [];
  let start = -1;
  let inMultiline = false;
  const close = (end: number) => {
    if (start >= 0 && end > start) blocks.push({ startLine: start, endLine: end });
    start = -1;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const blank = line.trim() === '';
    if (blank && !inMultiline) {
      close(i - 1);
      continue;
    }
    if (start < 0) start = i;
    // An odd number of ``` on a line opens or closes a multi-line literal.
    if ((line.split('```').length - 1) % 2 === 1) inMultiline = !inMultiline;
  }
  close(lines.length - 1 - (lines[lines.length - 1].trim() === '' ? 1 : 0));
  return blocks;
}
