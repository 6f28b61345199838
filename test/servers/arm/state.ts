// What the local ARM server knows: subscriptions and the Kusto clusters in
// them. Kept as plain data keyed by subscription so later resource kinds
// (storage accounts, role assignments) can be added beside `clusters`.
import type { ClusterState } from '../kusto/state';

export interface ArmIdentityState {
  type: 'None' | 'SystemAssigned' | 'UserAssigned' | 'SystemAssigned, UserAssigned';
  principalId?: string;
  tenantId?: string;
  /** Identity resource id → its principal (object) id and client id. */
  userAssignedIdentities?: Record<string, { principalId: string; clientId: string }>;
}

export interface ArmClusterState {
  resourceGroup: string;
  name: string;
  location: string;
  /** The Kusto endpoint; in tests, a local Kusto server's URL. */
  uri: string;
  state: 'Running' | 'Stopped' | 'Creating' | 'Deleting' | 'Starting' | 'Stopping' | 'Unavailable';
  identity: ArmIdentityState | null;
}

export interface ArmSubscriptionState {
  subscriptionId: string;
  displayName: string;
  state: 'Enabled' | 'Disabled' | 'Warned' | 'PastDue' | 'Deleted';
  clusters: ArmClusterState[];
}

export interface ArmState {
  tenantId: string;
  subscriptions: ArmSubscriptionState[];
}

/** The ARM view of a cluster the local Kusto server simulates: same name and identities. */
export function armClusterFromKusto(
  cluster: ClusterState,
  where: { uri: string; resourceGroup: string; location?: string; state?: ArmClusterState['state'] },
): ArmClusterState {
  const { system, userAssigned, tenantId } = cluster.identities;
  const users = Object.fromEntries(userAssigned.map((u) => [u.resourceId, { principalId: u.principalId, clientId: u.clientId }]));
  const type: ArmIdentityState['type'] = system && userAssigned.length > 0 ? 'SystemAssigned, UserAssigned'
    : system ? 'SystemAssigned' : userAssigned.length > 0 ? 'UserAssigned' : 'None';
  return {
    resourceGroup: where.resourceGroup,
    name: cluster.name,
    location: where.location ?? 'West Europe',
    uri: where.uri,
    state: where.state ?? 'Running',
    identity: {
      type,
      ...(system ? { principalId: system.principalId, tenantId } : {}),
      ...(userAssigned.length > 0 ? { userAssignedIdentities: users } : {}),
    },
  };
}
