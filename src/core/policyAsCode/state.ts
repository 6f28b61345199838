// The managed_identity policies of a whole cluster as one value: the cluster
// policy and each database's. Two states are compared by what they allow
// (which identity may do what where), not by how the service spells it:
// entry order, usage order, ObjectId case and extra fields (DisplayName,
// ClientId) do not count, and "no policy" equals an empty one.
import type { PolicyEntry, PolicyTarget } from '../policy/model';
import { getUsageIgnoreCase } from '../kql/usages';

export interface DatabasePolicies {
  readonly name: string;
  readonly policy: readonly PolicyEntry[] | null;
}

export interface ClusterPolicyState {
  readonly cluster: readonly PolicyEntry[] | null;
  /** Every database of the cluster (or of the file), in any order. */
  readonly databases: readonly DatabasePolicies[];
}

/** ObjectId (lower case; `system` for the cluster's own identity) → usages, both sorted. */
export type NormalizedPolicy = ReadonlyArray<readonly [string, readonly string[]]>;

export interface NormalizeOptions {
  /** The cluster's system-assigned identity, so that `system` and its object id compare equal. */
  readonly systemObjectId?: string;
}

/** Entries united per identity, usages in their canonical spelling; ordinal order so output never depends on locale. */
export function normalizePolicy(policy: readonly PolicyEntry[] | null, options: NormalizeOptions = {}): NormalizedPolicy {
  const system = options.systemObjectId?.toLowerCase();
  const byId = new Map<string, Set<string>>();
  for (const e of policy ?? []) {
    let id = e.ObjectId.trim().toLowerCase();
    if (id === 'system' && system !== undefined) id = system;
    const usages = byId.get(id) ?? new Set<string>();
    for (const u of e.AllowedUsages) usages.add(getUsageIgnoreCase(u.trim())?.name ?? u.trim());
    byId.set(id, usages);
  }
  return [...byId.entries()]
    .filter(([, usages]) => usages.size > 0)
    .map(([id, usages]) => [id, [...usages].sort(compareOrdinal)] as const)
    .sort((a, b) => compareOrdinal(a[0], b[0]));
}

export function samePolicy(a: readonly PolicyEntry[] | null, b: readonly PolicyEntry[] | null, options: NormalizeOptions = {}): boolean {
  return JSON.stringify(normalizePolicy(a, options)) === JSON.stringify(normalizePolicy(b, options));
}

export function policyOf(state: ClusterPolicyState, target: PolicyTarget): readonly PolicyEntry[] | null | undefined {
  if (target.kind === 'cluster') return state.cluster;
  return state.databases.find((d) => d.name === target.database)?.policy;
}

/** A copy of `state` with `target`'s policy replaced (a database not in the state is added). */
export function withPolicy(state: ClusterPolicyState, target: PolicyTarget, policy: readonly PolicyEntry[] | null): ClusterPolicyState {
  if (target.kind === 'cluster') return { ...state, cluster: policy };
  const exists = state.databases.some((d) => d.name === target.database);
  return {
    ...state,
    databases: exists
      ? state.databases.map((d) => (d.name === target.database ? { name: d.name, policy } : d))
      : [...state.databases, { name: target.database, policy }],
  };
}

/** The system identity's object id, from the entries the service marked IsSystem. */
export function systemObjectIdOf(state: ClusterPolicyState): string | undefined {
  const all = [...(state.cluster ?? []), ...state.databases.flatMap((d) => d.policy ?? [])];
  return all.find((e) => e.IsSystem === true)?.ObjectId;
}

export function compareOrdinal(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function targetKey(target: PolicyTarget): string {
  return target.kind === 'cluster' ? 'cluster' : `database:${target.database}`;
}
