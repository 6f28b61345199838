// Builds the findings of rule `mi-blob-size-missing` and their quick fixes as
// exact text edits that keep the file's layout: a new list item goes on its own
// line with the indentation of its siblings when the list is one item per line,
// and a trailing comma style is kept.

import type { Finding, FindingFix, TextEdit } from '../core/findings';
import type { Node } from './loader';
import { childrenOf, eolOf, indentationAt, isComment, isFirstOnLine, lineStart } from './syntax';

export const RULE_ID = 'mi-blob-size-missing';


const WHY = 'With a ";managed_identity=" blob URI the SDK cannot read the blob size from storage itself, so the ingestion fails.';

/** The message of a finding: what is missing where, why it fails, how to fix it. */
export function missingSizeMessage(what: string, fix: string): string {
  return `${what}. ${WHY} ${fix}, or 0 to let the Kusto service discover the size.`;
}

export function sizeFinding(at: Node, message: string, title: string, edits: TextEdit[] | null): Finding {
  const fixes: FindingFix[] = edits && edits.length > 0 ? [{ title, edits, isPreferred: true }] : [];
  // SDK ingestion of a blob is queued ingestion: the NativeIngestion usage.
  return { ruleId: RULE_ID, start: at.startIndex, end: at.endIndex, message, fixes, usage: 'NativeIngestion' };
}

export function replaceNode(node: Node, newText: string): TextEdit[] {
  return [{ start: node.startIndex, end: node.endIndex, newText }];
}

/**
 * Appends `item` to a delimited list node (`(...)` argument list, `{...}`
 * initializer) whose first and last children are the delimiters. Returns null
 * when the list is incomplete (a syntax error left a delimiter missing).
 */
export function appendToList(text: string, list: Node, item: string): TextEdit[] | null {
  const kids = childrenOf(list);
  const open = kids[0];
  const close = kids[kids.length - 1];
  if (!open || !close || kids.length < 2 || open.isMissing || close.isMissing
    || !((open.type === '(' && close.type === ')') || (open.type === '{' && close.type === '}'))) {
    return null;
  }
  const inner = kids.slice(1, -1);
  if (inner.some((k) => k.isError || k.isMissing)) return null;
  const items = inner.filter((k) => k.isNamed && !isComment(k));
  const last = items[items.length - 1];
  if (!last) {
    if (open.type === '{') return [{ start: open.endIndex, end: close.startIndex, newText: ` ${item} ` }];
    return [{ start: open.endIndex, end: open.endIndex, newText: item }];
  }
  const lastPos = inner.findIndex((k) => k.id === last.id);
  const trailingComma = inner.slice(lastPos + 1).find((k) => k.type === ',');
  const lastChild = inner[inner.length - 1] as Node;
  if (isFirstOnLine(text, last.startIndex)) {
    const lineBreak = eolOf(text) + indentationAt(text, last.startIndex);
    if (trailingComma) return [{ start: lastChild.endIndex, end: lastChild.endIndex, newText: `${lineBreak}${item},` }];
    if (lastChild.id === last.id) return [{ start: last.endIndex, end: last.endIndex, newText: `,${lineBreak}${item}` }];
    return [
      { start: last.endIndex, end: last.endIndex, newText: ',' },
      { start: lastChild.endIndex, end: lastChild.endIndex, newText: `${lineBreak}${item}` },
    ];
  }
  if (trailingComma) return [{ start: trailingComma.endIndex, end: trailingComma.endIndex, newText: ` ${item},` }];
  return [{ start: last.endIndex, end: last.endIndex, newText: `, ${item}` }];
}

/** Inserts `line` as a new line above the line holding `offset`, with that line's indentation. */
export function insertLineAbove(text: string, offset: number, line: string): TextEdit[] {
  const start = lineStart(text, offset);
  return [{ start, end: start, newText: `${indentationAt(text, offset)}${line}${eolOf(text)}` }];
}

/** Applies non-overlapping edits (offsets into `text`) and returns the new text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error('overlapping edits');
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}
