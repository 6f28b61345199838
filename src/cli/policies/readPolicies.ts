// Reads a cluster's policies with the same client the tree uses: the cluster
// policy, then every database's (bounded in flight), each failure kept beside
// the others' results.
import type { ManagedIdentityPolicyApi } from '../../clients/kusto/api';
import type { PolicyEntry } from '../../core/policy/model';
import { identitiesFromPolicies } from '../../views/clusterTree/model/identities';
import type { IdentityInfo } from '../../views/clusterTree/model/types';

export interface DatabaseResult {
  readonly name: string;
  readonly policy: PolicyEntry[] | null;
  readonly error?: string;
}

export interface ClusterPolicies {
  readonly cluster: string;
  readonly identities: IdentityInfo[];
  readonly clusterPolicy: PolicyEntry[] | null;
  readonly databases: DatabaseResult[];
}

export interface ReadOptions {
  /** Only this database (no `.show databases`). */
  readonly database?: string;
  readonly concurrency: number;
}

/** Rejects (KustoRequestError) when the cluster itself cannot be read; a database failing is reported in its result. */
export async function readPolicies(client: ManagedIdentityPolicyApi, options: ReadOptions): Promise<ClusterPolicies> {
  const [clusterPolicy, names] = await Promise.all([
    client.getClusterPolicy(),
    options.database !== undefined ? Promise.resolve([options.database]) : client.listDatabases().then((dbs) => dbs.map((d) => d.name)),
  ]);
  const results = await client.loadAllDatabasePolicies(names, { concurrency: options.concurrency });
  const databases = results.map((r): DatabaseResult => ('error' in r ? { name: r.name, policy: null, error: r.error.message } : { name: r.name, policy: r.policy }));
  return {
    cluster: client.clusterUrl,
    identities: identitiesFromPolicies([clusterPolicy, ...databases.map((d) => d.policy)], client.clusterUrl),
    clusterPolicy,
    databases,
  };
}
