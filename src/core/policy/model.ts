// One entry of a managed_identity policy, with the service's own field names so
// that what the cluster shows and what we send read the same. `AllowedUsages` is
// a list here; the service stores it as a comma-separated string.
import { showName } from '../kql/quote';

export interface PolicyEntry {
  readonly ObjectId: string;
  readonly ClientId?: string;
  readonly TenantId?: string;
  readonly DisplayName?: string;
  readonly IsSystem?: boolean;
  readonly AllowedUsages: readonly string[];
}

/** Where a policy lives: the cluster, or one database. */
export type PolicyTarget =
  | { readonly kind: 'cluster' }
  | { readonly kind: 'database'; readonly database: string };

export const CLUSTER_TARGET: PolicyTarget = { kind: 'cluster' };

export function databaseTarget(database: string): PolicyTarget {
  return { kind: 'database', database };
}

/** The part of an entry a caller can set: which identity, and what for. */
export interface PolicyEntryInput {
  readonly ObjectId: string;
  readonly AllowedUsages: readonly string[];
}

export function describeTarget(target: PolicyTarget): string {
  return target.kind === 'cluster' ? 'the cluster' : `database ${showName(target.database)}`;
}
