// `--format json`: `{ cluster, identities, clusterPolicy, databases: [{ name, policy, error? }] }`.
// Policy entries keep the service's field names (AllowedUsages as its
// comma-separated string); a policy that does not exist is `[]`, one that
// could not be read is `null` with an `error`.
import { toServiceJson } from '../../views/clusterTree/model/policyJson';
import { terminalSafeJson } from '../printable';
import type { ClusterPolicies } from './readPolicies';

export function formatJson(report: ClusterPolicies): string {
  const json = {
    cluster: report.cluster,
    identities: report.identities.map((i) => ({
      ObjectId: i.objectId,
      ...(i.displayName ? { DisplayName: i.displayName } : {}),
      ...(i.clientId ? { ClientId: i.clientId } : {}),
      ...(i.kind !== 'unknown' ? { IsSystem: i.kind === 'system' } : {}),
    })),
    clusterPolicy: toServiceJson(report.clusterPolicy),
    databases: report.databases.map((d) => (d.error !== undefined
      ? { name: d.name, policy: null, error: d.error }
      : { name: d.name, policy: toServiceJson(d.policy) })),
  };
  return `${terminalSafeJson(JSON.stringify(json, null, 2))}\n`;
}
