// Small helpers over tree-sitter nodes and the document text, shared by the
// language modules. Offsets are UTF-16 code units (see loader.ts).

import type { Node, QueryMatch } from './loader';

/** All children, in order (tree-sitter returns `(Node | null)[]`). */
export function childrenOf(node: Node): Node[] {
  const out: Node[] = [];
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i);
    if (child) out.push(child);
  }
  return out;
}

export function namedChildrenOf(node: Node): Node[] {
  const out: Node[] = [];
  for (let i = 0; i < node.namedChildCount; i++) {
    const child = node.namedChild(i);
    if (child) out.push(child);
  }
  return out;
}

export function isComment(node: Node): boolean {
  return node.type === 'comment' || node.type === 'line_comment' || node.type === 'block_comment';
}

/** Named children that are not comments: the items of a list node. */
export function listItems(node: Node): Node[] {
  return namedChildrenOf(node).filter((c) => !isComment(c));
}

/** The first capture called `name` in a query match. */
export function capture(match: QueryMatch, name: string): Node | undefined {
  for (const c of match.captures) if (c.name === name) return c.node;
  return undefined;
}

/** Offset of the first character of the line that holds `offset`. */
export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The spaces and tabs that open the line holding `offset`. */
export function indentationAt(text: string, offset: number): string {
  const start = lineStart(text, offset);
  let end = start;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(start, end);
}

/** True when only spaces and tabs precede `offset` on its line. */
export function isFirstOnLine(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const ch = text[i];
    if (ch === '\n') return true;
    if (ch !== ' ' && ch !== '\t' && ch !== '\r') return false;
  }
  return true;
}

/** The line terminator the file uses ("\r\n" or "\n"). */
export function eolOf(text: string): string {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}
