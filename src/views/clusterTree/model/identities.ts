// A cluster's identities: from ARM when its resource id is known, otherwise
// from what its policies mention (ObjectId, DisplayName, ClientId, IsSystem).
import { getKustoCluster } from '../../../clients/arm/discovery';
import type { TokenCredential } from '@azure/core-auth';
import type { PolicyEntry } from '../../../core/policy/model';
import type { IdentityInfo } from './types';

export function identitiesFromPolicies(policies: readonly (readonly PolicyEntry[] | null | undefined)[], clusterUrl: string): IdentityInfo[] {
  const byId = new Map<string, IdentityInfo>();
  for (const entries of policies) {
    for (const e of entries ?? []) {
      const key = e.ObjectId.toLowerCase();
      if (key === 'system' || byId.has(key)) continue;
      const kind = e.IsSystem === true ? 'system' : e.IsSystem === false ? 'userAssigned' : 'unknown';
      byId.set(key, {
        kind,
        objectId: e.ObjectId,
        displayName: kind === 'system' ? `${e.DisplayName ?? 'cluster'} (system-assigned)` : e.DisplayName,
        ...(e.ClientId ? { clientId: e.ClientId } : {}),
        ...(e.TenantId ? { tenantId: e.TenantId } : {}),
        cluster: clusterUrl,
      });
    }
  }
  return sortIdentities([...byId.values()]);
}

/** System identity first, then by name. */
export function sortIdentities(list: IdentityInfo[]): IdentityInfo[] {
  const rank = (i: IdentityInfo) => (i.kind === 'system' ? 0 : 1);
  return list.sort((a, b) => rank(a) - rank(b) || (a.displayName ?? a.objectId).localeCompare(b.displayName ?? b.objectId));
}

export interface ClusterResourceId {
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly name: string;
}

const RESOURCE_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Kusto\/clusters\/([^/]+)\/?$/i;

export function parseClusterResourceId(resourceId: string): ClusterResourceId {
  const m = RESOURCE_ID.exec(resourceId.trim());
  if (!m) {
    throw new Error(`"${resourceId}" is not a Kusto cluster resource id (/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Kusto/clusters/<name>).`);
  }
  return { subscriptionId: m[1], resourceGroup: m[2], name: m[3] };
}

export interface ArmLookupOptions {
  readonly endpoint: string;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

/** The identities in the cluster resource's `identity` block. */
export async function readArmIdentities(credential: TokenCredential, resourceId: string, clusterUrl: string, options: ArmLookupOptions): Promise<IdentityInfo[]> {
  const where = parseClusterResourceId(resourceId);
  const cluster = await getKustoCluster(credential, where, { endpoint: options.endpoint, signal: options.signal, timeoutMs: options.timeoutMs });
  // The setting's URL, not ARM's `uri`: that is the key the rest of the extension uses.
  return sortIdentities(cluster.identities.map((i) => ({ ...i, cluster: clusterUrl })));
}
