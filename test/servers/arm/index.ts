// The local Azure Resource Manager server and its demo data.
export { startArmServer } from './server';
export type { ArmEndpoint, ArmRecordedRequest, ArmServerOptions, ArmTestServer } from './server';
export { demoArmState, DEMO_SECOND_SUBSCRIPTION_ID } from './seed';
export { armClusterFromKusto } from './state';
export type { ArmClusterState, ArmIdentityState, ArmState, ArmSubscriptionState } from './state';
