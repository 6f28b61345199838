// The Kusto client for managed_identity policies (no `vscode` import: the CLI reuses it).
export { ManagedIdentityPolicyClient } from './kustoClient';
export type { KustoClientOptions } from './kustoClient';
export type { CallOptions, DatabaseInfo, DatabasePolicyResult, LoadAllOptions, ManagedIdentityPolicyApi, PolicyReader, PolicyWriter } from './api';
export { KustoRequestError, isKustoRequestError } from './errors';
export type { KustoErrorKind, KustoErrorDetails } from './errors';
export { loadAllDatabasePolicies, DEFAULT_POLICY_LOAD_CONCURRENCY } from './loadPolicies';
