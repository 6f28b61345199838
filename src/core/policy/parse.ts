// Reads `.show cluster|database policy managed_identity` result rows. The
// service's grammar names the column `Policy` (a JSON string); the public docs
// show `Policies`. Values arrive as a JSON string, an already-parsed array, or
// null when the entity has no policy. Columns are found by name, never position.
import type { PolicyEntry } from './model';

export class PolicyParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyParseError';
  }
}

type Row = Readonly<Record<string, unknown>>;

const POLICY_COLUMNS = ['policy', 'policies'];

/** Entries of every row together; null when no row carries a policy. */
export function parsePolicyRows(rows: readonly Row[]): PolicyEntry[] | null {
  let result: PolicyEntry[] | null = null;
  for (const row of rows) {
    const key = Object.keys(row).find((k) => POLICY_COLUMNS.includes(k.toLowerCase()));
    if (key === undefined) {
      throw new PolicyParseError('The managed_identity policy result has neither a Policy nor a Policies column.');
    }
    const entries = parsePolicyValue(row[key]);
    if (entries !== null) result = [...(result ?? []), ...entries];
  }
  return result;
}

/** One `Policy` cell: JSON text, an array, a single object, or null. */
export function parsePolicyValue(value: unknown): PolicyEntry[] | null {
  let parsed = value;
  if (typeof value === 'string') {
    if (value.trim() === '') return null;
    try {
      parsed = JSON.parse(value);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new PolicyParseError(`The managed_identity policy returned by the cluster is not valid JSON (${why}).`);
    }
  }
  if (parsed === null || parsed === undefined) return null;
  const items = Array.isArray(parsed) ? parsed : [parsed];
  return items.map((item, i) => parseEntry(item, i));
}

function parseEntry(item: unknown, index: number): PolicyEntry {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    throw new PolicyParseError(`Entry ${index} of the managed_identity policy is not an object.`);
  }
  const o = item as Record<string, unknown>;
  if (typeof o.ObjectId !== 'string' || o.ObjectId === '') {
    throw new PolicyParseError(`Entry ${index} of the managed_identity policy has no ObjectId.`);
  }
  const entry: { -readonly [K in keyof PolicyEntry]: PolicyEntry[K] } = {
    ObjectId: o.ObjectId,
    AllowedUsages: parseUsages(o.AllowedUsages, index),
  };
  if (typeof o.ClientId === 'string') entry.ClientId = o.ClientId;
  if (typeof o.TenantId === 'string') entry.TenantId = o.TenantId;
  if (typeof o.DisplayName === 'string') entry.DisplayName = o.DisplayName;
  if (typeof o.IsSystem === 'boolean') entry.IsSystem = o.IsSystem;
  else if (o.IsSystem === 'true' || o.IsSystem === 'false') entry.IsSystem = o.IsSystem === 'true';
  return entry;
}

function parseUsages(value: unknown, index: number): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return splitUsages(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.flatMap(splitUsages);
  throw new PolicyParseError(`Entry ${index} of the managed_identity policy has an AllowedUsages that is not a string.`);
}

/** Splits the service's comma-separated `AllowedUsages` string; empty parts are dropped. */
export function splitUsages(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}
