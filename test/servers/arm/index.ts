// The local Azure Resource Manager server and its demo data.
export { startArmServer } from './server';
export type { ArmEndpoint, ArmRecordedRequest, ArmServerOptions, ArmTestServer } from './server';
export { demoArmState, DEMO_SECOND_SUBSCRIPTION_ID, DEMO_STORAGE, DEMO_STORAGE_ACCOUNT_ID } from './seed';
export { armClusterFromKusto } from './state';
export type {
  ArmClusterState, ArmIdentityState, ArmPermissionState, ArmRoleAssignmentState, ArmRoleDefinitionState, ArmState, ArmStorageAccountState,
  ArmSubscriptionState,
} from './state';
export { builtInRoleDefinitions, ROLE_IDS } from './roles';
export { storageAccountId } from './storage';
export type { AuthorizationSettings } from './authorization';
