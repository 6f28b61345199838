// The local Kusto wire-protocol server and its demo data.
export { startKustoServer } from './server';
export type { KustoEndpoint, KustoServerOptions, KustoServerSettings, KustoTestServer, RecordedRequest } from './server';
export { demoClusterState, largeClusterState, DEMO_IDS, DEMO_TENANT_ID, DEMO_SUBSCRIPTION_ID, DEMO_RESOURCE_GROUP } from './seed';
export type { ClusterState, DemoClusterState, DatabaseState, StoredPolicyEntry, UserAssignedIdentityState, ClusterIdentitiesState } from './state';
export type { DatabasePrincipalState, IngestionFailureState } from './state';
export type { PolicyColumns } from './commands';
export { FaultInjector } from '../common/faults';
export type { Fault, FaultScope, FaultStatus } from '../common/faults';
