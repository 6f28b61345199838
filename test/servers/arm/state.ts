// What the local ARM server knows: subscriptions with their Kusto clusters and
// storage accounts, role definitions, and role assignments at any scope. Plain
// data: tests read and change it while the server runs.
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
  storageAccounts?: ArmStorageAccountState[];
  /** The tenant it belongs to (default: the server's). */
  tenantId?: string;
  /** The management group it sits under: assignments there are above its resources. */
  managementGroup?: string;
}

export interface ArmStorageAccountState {
  resourceGroup: string;
  /** Globally unique account name: the first label of `<name>.blob.core.windows.net`. */
  name: string;
  location: string;
  kind?: 'StorageV2' | 'BlobStorage' | 'BlockBlobStorage' | 'Storage';
  /** Hierarchical namespace (ADLS Gen2). */
  isHnsEnabled?: boolean;
  /** The firewall, as `properties.networkAcls` (default: allow all networks). */
  networkAcls?: {
    defaultAction: 'Allow' | 'Deny';
    bypass?: string;
    resourceAccessRules?: { tenantId: string; resourceId: string }[];
    ipRules?: string[];
    virtualNetworkRules?: string[];
  };
  publicNetworkAccess?: 'Enabled' | 'Disabled';
  /** `unavailable` for an account that cannot serve data. */
  statusOfPrimary?: 'available' | 'unavailable';
}

/** One `permissions` item of a role definition, as ARM shows it. */
export interface ArmPermissionState {
  actions: string[];
  notActions: string[];
  dataActions: string[];
  notDataActions: string[];
}

export interface ArmRoleDefinitionState {
  /** The role definition's GUID (its `name`). */
  name: string;
  roleName: string;
  description: string;
  roleType: 'BuiltInRole' | 'CustomRole';
  permissions: ArmPermissionState[];
  assignableScopes: string[];
}

export interface ArmRoleAssignmentState {
  /** The assignment's GUID (its `name`). */
  name: string;
  /** Where it is assigned: `/subscriptions/<id>`, a resource group, or a resource. */
  scope: string;
  /** GUID of the role definition. */
  roleDefinitionName: string;
  principalId: string;
  principalType: 'ServicePrincipal' | 'User' | 'Group' | 'ForeignGroup' | 'Device';
  condition?: string;
  createdOn?: string;
}

export interface ArmState {
  tenantId: string;
  subscriptions: ArmSubscriptionState[];
  /** Role definitions every scope can see (default: the built-in roles in roles.ts). */
  roleDefinitions?: ArmRoleDefinitionState[];
  roleAssignments?: ArmRoleAssignmentState[];
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
