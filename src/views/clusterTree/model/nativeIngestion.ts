// Whether ingestion with a managed identity (`NativeIngestion`) works in a
// database, and for whom: allowed by the database's own policy, inherited from
// the cluster's, or not allowed. The policy is additive, so the database is
// "allowed here" as soon as one identity is allowed at database level.
import { effectiveUsage, type IdentityMatchOptions } from '../../../core/policy/evaluate';
import type { PolicyEntry } from '../../../core/policy/model';

export const NATIVE_INGESTION = 'NativeIngestion';

/** `unknown`: the database's policy (or the cluster's, needed for inheritance) could not be read. */
export type NativeIngestionState = 'database' | 'cluster' | 'none' | 'unknown';

export interface NativeIngestionSummary {
  readonly state: NativeIngestionState;
  /** Object ids allowed here (database level) and through the cluster policy. */
  readonly databaseIdentities: readonly string[];
  readonly clusterIdentities: readonly string[];
}

export function nativeIngestionSummary(
  cluster: readonly PolicyEntry[] | null | undefined,
  database: readonly PolicyEntry[] | null | undefined,
  options: IdentityMatchOptions = {},
): NativeIngestionSummary {
  const refs = new Set<string>();
  for (const e of [...(cluster ?? []), ...(database ?? [])]) refs.add(e.ObjectId.toLowerCase());
  const databaseIdentities: string[] = [];
  const clusterIdentities: string[] = [];
  for (const ref of refs) {
    const where = effectiveUsage({ cluster: cluster ?? null, database: database ?? null }, ref, NATIVE_INGESTION, options);
    if (where === 'database') databaseIdentities.push(ref);
    else if (where === 'cluster') clusterIdentities.push(ref);
  }
  let state: NativeIngestionState;
  if (databaseIdentities.length > 0) state = 'database';
  // The cluster's policy applies to every database, whatever the database's own says.
  else if (clusterIdentities.length > 0) state = 'cluster';
  else state = cluster === undefined || database === undefined ? 'unknown' : 'none';
  return { state, databaseIdentities, clusterIdentities };
}
