// Locating identifiers by text before asking the syntax tree what they are.

const IDENT = /[A-Za-z0-9_$]/;

/** Offsets of `name` in `text` not glued to other identifier characters, ascending. */
export function tokenOffsets(text: string, names: readonly string[]): { offset: number; length: number }[] {
  const out: { offset: number; length: number }[] = [];
  for (const name of names) {
    for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + name.length)) {
      const before = i > 0 ? text[i - 1] : '';
      const after = text[i + name.length] ?? '';
      if ((before && IDENT.test(before)) || (after && IDENT.test(after))) continue;
      out.push({ offset: i, length: name.length });
    }
  }
  return out.sort((a, b) => a.offset - b.offset);
}

/** Does `name` occur as a whole identifier in text[from, to)? Stops at the first. */
export function hasToken(text: string, name: string, from: number, to: number): boolean {
  for (let i = text.indexOf(name, from); i >= 0 && i + name.length <= to; i = text.indexOf(name, i + 1)) {
    if (isWholeToken(text, i, name.length)) return true;
  }
  return false;
}

function isWholeToken(text: string, i: number, length: number): boolean {
  const before = i > 0 ? text[i - 1] : '';
  const after = text[i + length] ?? '';
  return !(before && IDENT.test(before)) && !(after && IDENT.test(after));
}

/** Offsets of whole-identifier occurrences of `name` in text[from, to). */
export function tokenOffsetsIn(text: string, name: string, from: number, to: number): { offset: number; length: number }[] {
  const out: { offset: number; length: number }[] = [];
  for (let i = text.indexOf(name, from); i >= 0 && i + name.length <= to; i = text.indexOf(name, i + 1)) {
    if (isWholeToken(text, i, name.length)) out.push({ offset: i, length: name.length });
  }
  return out;
}
