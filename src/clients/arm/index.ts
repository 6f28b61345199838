// Azure Resource Manager discovery of Kusto clusters (no `vscode` import: the CLI reuses it).
export { discoverKustoClusters, getKustoCluster, listClusters } from './discovery';
export type { DiscoveredCluster, DiscoveryOptions, DiscoveryResult } from './discovery';
export { listSubscriptions } from './subscriptions';
export type { SubscriptionInfo } from './subscriptions';
export { clusterIdentities } from './identities';
export type { ArmIdentityBlock, ClusterIdentity } from './identities';
export { ArmRequestError } from './errors';
export type { ArmErrorKind } from './errors';
export { armEndpointSettings, PUBLIC_ARM_ENDPOINT } from './endpoint';
export { findStorageAccount } from './storageAccounts';
export type { StorageAccountInfo, StorageAccountSearch, StorageSearchOptions } from './storageAccounts';
export { createRoleAssignment, listRoleAssignmentsForPrincipal, roleDefinitionIdFor } from './roleAssignments';
export type { CreatedRoleAssignment, NewRoleAssignment, RoleAssignmentInfo } from './roleAssignments';
export { getRoleDefinition } from './roleDefinitions';
export type { PermissionSet, RoleDefinitionInfo } from './roleDefinitions';
export type { ArmCallOptions } from './sdkClients';
