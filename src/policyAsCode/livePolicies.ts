// The policies of a configured cluster as they are now (read afresh, not the
// tree's cache): what an export writes and what a comparison starts from.
import type { ManagedIdentityPolicyApi } from '../clients/kusto/api';
import { readPolicies } from '../cli/policies/readPolicies';
import type { ClusterPolicyState } from '../core/policyAsCode/state';

export class PartialPoliciesError extends Error {
  constructor(readonly failed: readonly { readonly name: string; readonly error: string }[]) {
    super(`Could not read the managed_identity policy of ${failed.length === 1 ? `database '${failed[0].name}'` : `${failed.length} databases`}: ${failed[0].error}`);
    this.name = 'PartialPoliciesError';
  }
}

/** Rejects when the cluster or any database cannot be read: a script from partial policies would be wrong. */
export async function readLivePolicies(client: ManagedIdentityPolicyApi, concurrency: number): Promise<ClusterPolicyState> {
  const report = await readPolicies(client, { concurrency });
  const failed = report.databases.filter((d) => d.error !== undefined).map((d) => ({ name: d.name, error: d.error ?? '' }));
  if (failed.length > 0) throw new PartialPoliciesError(failed);
  return { cluster: report.clusterPolicy, databases: report.databases.map((d) => ({ name: d.name, policy: d.policy })) };
}
