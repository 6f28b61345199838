// What the rest of the extension (and the CLI) may ask of a cluster about
// managed_identity policies. The implementation is ManagedIdentityPolicyClient.
import type { PolicyEntry, PolicyEntryInput, PolicyTarget } from '../../core/policy/model';

export interface CallOptions {
  /** Abort to stop waiting: the call rejects with a KustoRequestError of kind `cancelled`. */
  readonly signal?: AbortSignal;
}

export interface DatabaseInfo {
  readonly name: string;
  readonly prettyName?: string;
}

export type DatabasePolicyResult =
  | { readonly name: string; readonly policy: PolicyEntry[] | null }
  | { readonly name: string; readonly error: Error };

export interface LoadAllOptions extends CallOptions {
  /** Requests in flight at once (default 16). */
  readonly concurrency?: number;
}

export interface PolicyReader {
  listDatabases(options?: CallOptions): Promise<DatabaseInfo[]>;
  getClusterPolicy(options?: CallOptions): Promise<PolicyEntry[] | null>;
  /** null when the database has no managed_identity policy. */
  getDatabasePolicy(database: string, options?: CallOptions): Promise<PolicyEntry[] | null>;
}

export interface PolicyWriter {
  /** Adds usages (the service unites them per identity); resolves to the policy as it is now. */
  alterMergePolicy(target: PolicyTarget, entries: readonly PolicyEntryInput[], options?: CallOptions): Promise<PolicyEntry[] | null>;
  /** Replaces the whole policy; resolves to the policy as it is now. */
  alterPolicy(target: PolicyTarget, entries: readonly PolicyEntryInput[], options?: CallOptions): Promise<PolicyEntry[] | null>;
  deletePolicy(target: PolicyTarget, options?: CallOptions): Promise<void>;
}

export interface CommandOptions extends CallOptions {
  /** What the command does, for errors: "read the principals of database 'X' on". */
  readonly what?: string;
  /** The command changes the cluster (no retry on ambiguous failures). */
  readonly writes?: boolean;
}

export interface KqlResult {
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  /** The first rows (at most the limit asked for). */
  readonly rows: readonly (readonly unknown[])[];
  /** True when the result had more rows than were kept. */
  readonly truncated: boolean;
}

export interface RunOptions extends CallOptions {
  /** Rows kept for display. */
  readonly maxRows?: number;
  /** Commands that change state are sent once, never retried. */
  readonly changesState?: boolean;
}

export interface SchemaReader {
  /** Runs a query or management command a user wrote (the KQL editor's Run). */
  runKql(database: string, csl: string, options?: RunOptions): Promise<KqlResult>;
  /** The JSON document of `.show database <database> schema as json` (for the KQL language service). */
  getDatabaseSchemaJson(database: string, options?: CallOptions): Promise<string>;
}

export interface ManagedIdentityPolicyApi extends PolicyReader, PolicyWriter, SchemaReader {
  readonly clusterUrl: string;
  /** Any other management command (the readiness check's `.show database X principals`, `.add database ...`): its primary result's rows. */
  runCommand(database: string, csl: string, options?: CommandOptions): Promise<Record<string, unknown>[]>;
  loadAllDatabasePolicies(databases: readonly string[], options?: LoadAllOptions): Promise<DatabasePolicyResult[]>;
  dispose(): void;
}
