// Questions about a policy: does it let an identity do something, and from
// which level. The policy is additive: a usage allowed on the cluster applies
// to every database, so a database without its own entry can still inherit it.
import type { PolicyEntry } from './model';

export interface IdentityMatchOptions {
  /** The system identity's principal id, so `system` and that GUID match each other. */
  readonly systemObjectId?: string;
}

/** `ref` is `system` or an object id (GUID); the service shows the system identity by GUID with IsSystem. */
export function matchesIdentity(entry: PolicyEntry, ref: string, options: IdentityMatchOptions = {}): boolean {
  const id = entry.ObjectId.toLowerCase();
  const want = ref.toLowerCase();
  const system = options.systemObjectId?.toLowerCase();
  const entryIsSystem = entry.IsSystem === true || id === 'system' || (system !== undefined && id === system);
  const refIsSystem = want === 'system' || (system !== undefined && want === system);
  return id === want || (entryIsSystem && refIsSystem);
}

export function entryAllows(entry: PolicyEntry, usage: string): boolean {
  const want = usage.toLowerCase();
  return entry.AllowedUsages.some((u) => {
    const have = u.toLowerCase();
    return have === 'all' || have === want;
  });
}

export function allowsUsage(
  entries: readonly PolicyEntry[] | null | undefined,
  ref: string,
  usage: string,
  options: IdentityMatchOptions = {},
): boolean {
  return (entries ?? []).some((e) => matchesIdentity(e, ref, options) && entryAllows(e, usage));
}

/** `database`: allowed by the database's own policy; `cluster`: inherited from the cluster's; `none`: not allowed. */
export type EffectiveUsage = 'database' | 'cluster' | 'none';

export function effectiveUsage(
  policies: { readonly cluster: readonly PolicyEntry[] | null; readonly database: readonly PolicyEntry[] | null },
  ref: string,
  usage: string,
  options: IdentityMatchOptions = {},
): EffectiveUsage {
  if (allowsUsage(policies.database, ref, usage, options)) return 'database';
  if (allowsUsage(policies.cluster, ref, usage, options)) return 'cluster';
  return 'none';
}
