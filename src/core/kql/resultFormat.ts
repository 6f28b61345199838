// A result table as text, for "Copy as CSV" and "Copy as JSON" in the results view.

export interface ResultTable {
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  readonly rows: readonly (readonly unknown[])[];
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled; CRLF between records. */
export function toCsv(table: ResultTable): string {
  const field = (v: unknown) => {
    const text = cellText(v);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [table.columns.map((c) => field(c.name)), ...table.rows.map((r) => r.map(field))].map((r) => r.join(',')).join('\r\n') + '\r\n';
}

/** An array of objects keyed by column name, as Kusto tools copy results. */
export function toJson(table: ResultTable): string {
  return JSON.stringify(table.rows.map((r) => Object.fromEntries(table.columns.map((c, i) => [c.name, r[i] ?? null]))), null, 2);
}

/** What a cell shows in the grid (objects as compact JSON). */
export function displayCell(value: unknown): string {
  return cellText(value);
}
