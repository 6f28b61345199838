// Counted nouns for the report and the CLI: "1 edit", "2 edits", never "edit(s)".

export function plural(n: number, one: string, many: string = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
