// What the local Kusto server knows about its cluster. Plain data, mutable and
// inspectable by tests; policies are stored the way the service shows them
// (AllowedUsages as one comma-separated string).

export interface StoredPolicyEntry {
  ObjectId: string;
  ClientId: string;
  TenantId: string;
  DisplayName: string;
  IsSystem: boolean;
  AllowedUsages: string;
}

export interface DatabaseState {
  name: string;
  prettyName?: string;
  tables: string[];
  /** null: no managed_identity policy on this database. */
  policy: StoredPolicyEntry[] | null;
  /** `.show database X principals`; absent: none besides the caller. */
  principals?: DatabasePrincipalState[];
}

export interface DatabasePrincipalState {
  /** `Database <name> Viewer`, `... Admin`, `... Ingestor`, ... */
  role: string;
  type: string;
  displayName: string;
  objectId: string;
  /** `aadapp=<id>;<tenant>` */
  fqn: string;
}

/** One row of `.show ingestion failures`. */
export interface IngestionFailureState {
  database: string;
  table: string;
  failedOn: string;
  sourcePath: string;
  details: string;
  errorCode: string;
  permanent?: boolean;
}

export interface UserAssignedIdentityState {
  /** ARM resource id of the identity, as in the cluster's `userAssignedIdentities`. */
  resourceId: string;
  name: string;
  principalId: string;
  clientId: string;
}

export interface ClusterIdentitiesState {
  tenantId: string;
  /** The system-assigned identity; its principalId is what policies show as ObjectId. */
  system: { principalId: string; clientId: string } | null;
  userAssigned: UserAssignedIdentityState[];
}

export interface ClusterState {
  name: string;
  identities: ClusterIdentitiesState;
  clusterPolicy: StoredPolicyEntry[] | null;
  databases: DatabaseState[];
  ingestionFailures?: IngestionFailureState[];
}

/** The seed a server starts from; it is copied, so one seed can start many servers. */
export type DemoClusterState = ClusterState;

export function cloneState(state: ClusterState): ClusterState {
  return structuredClone(state);
}

export function findDatabase(state: ClusterState, name: string): DatabaseState | undefined {
  return state.databases.find((d) => d.name === name);
}
