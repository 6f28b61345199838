// The schema of one database, read from `.show database <db> schema as json`
// (one row, one column `DatabaseSchema` holding a JSON document). Only what the
// language server needs to bind names: tables with their columns, functions.

export interface ColumnSchema {
  readonly name: string;
  /** The KQL type: string, long, datetime, dynamic, ... */
  readonly type: string;
}

export interface TableSchema {
  readonly name: string;
  readonly columns: readonly ColumnSchema[];
}

export interface FunctionSchema {
  readonly name: string;
  /** `(a:string, b:long)` */
  readonly parameters: string;
  /** `{ ... }` */
  readonly body: string;
}

export interface DatabaseSchema {
  readonly name: string;
  readonly tables: readonly TableSchema[];
  readonly functions: readonly FunctionSchema[];
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const values = (v: unknown): Json[] => (isRecord(v) ? Object.values(v).filter(isRecord) : Array.isArray(v) ? v.filter(isRecord) : []);

function columns(table: Json): ColumnSchema[] {
  return values(table.OrderedColumns).flatMap((c) => {
    const name = str(c.Name);
    const type = str(c.CslType) ?? str(c.Type);
    return name && type ? [{ name, type }] : [];
  });
}

function parameters(fn: Json): string {
  const list = values(fn.InputParameters).flatMap((p) => {
    const name = str(p.Name);
    const type = str(p.CslType) ?? str(p.Type);
    if (!name) return [];
    const defaultValue = str(p.CslDefaultValue);
    return [`${name}:${type ?? 'dynamic'}${defaultValue ? ` = ${defaultValue}` : ''}`];
  });
  return `(${list.join(', ')})`;
}

/**
 * The database `database` (or the only one) of a `.show database schema as
 * json` document; undefined when the text is not such a document.
 */
export function parseDatabaseSchema(json: string, database?: string): DatabaseSchema | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!isRecord(doc) || !isRecord(doc.Databases)) return undefined;
  const all = values(doc.Databases);
  const db = database === undefined
    ? all[0]
    : all.find((d) => str(d.Name)?.toLowerCase() === database.toLowerCase());
  const name = db && str(db.Name);
  if (!db || !name) return undefined;
  const tables = [...values(db.Tables), ...values(db.MaterializedViews), ...values(db.ExternalTables)].flatMap((t) => {
    const tableName = str(t.Name);
    return tableName ? [{ name: tableName, columns: columns(t) }] : [];
  });
  const functions = values(db.Functions).flatMap((f) => {
    const fnName = str(f.Name);
    const body = str(f.Body);
    return fnName && body ? [{ name: fnName, parameters: parameters(f), body }] : [];
  });
  return { name, tables, functions };
}
