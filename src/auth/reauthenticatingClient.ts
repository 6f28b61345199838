// Re-asks for a token once when a cluster answers 401: a cached token can be
// revoked or expire early, and VS Code's sessions do not say when they expire.
import type { CallOptions, CommandOptions, DatabasePolicyResult, KqlResult, LoadAllOptions, ManagedIdentityPolicyApi, RunOptions } from '../clients/kusto/api';
import { isKustoRequestError } from '../clients/kusto/errors';
import { loadAllDatabasePolicies } from '../clients/kusto/loadPolicies';
import type { PolicyEntry, PolicyEntryInput, PolicyTarget } from '../core/policy/model';

export interface Invalidatable {
  /** Forgets cached tokens, so the next request asks for a fresh one. */
  invalidate(): void;
}

export class ReauthenticatingClient implements ManagedIdentityPolicyApi {
  constructor(private readonly inner: ManagedIdentityPolicyApi, private readonly credential: Invalidatable) {}

  get clusterUrl(): string {
    return this.inner.clusterUrl;
  }

  listDatabases(options?: CallOptions) {
    return this.retry(() => this.inner.listDatabases(options));
  }

  getClusterPolicy(options?: CallOptions): Promise<PolicyEntry[] | null> {
    return this.retry(() => this.inner.getClusterPolicy(options));
  }

  getDatabasePolicy(database: string, options?: CallOptions): Promise<PolicyEntry[] | null> {
    return this.retry(() => this.inner.getDatabasePolicy(database, options));
  }

  alterMergePolicy(target: PolicyTarget, entries: readonly PolicyEntryInput[], options?: CallOptions) {
    return this.retry(() => this.inner.alterMergePolicy(target, entries, options));
  }

  alterPolicy(target: PolicyTarget, entries: readonly PolicyEntryInput[], options?: CallOptions) {
    return this.retry(() => this.inner.alterPolicy(target, entries, options));
  }

  deletePolicy(target: PolicyTarget, options?: CallOptions): Promise<void> {
    return this.retry(() => this.inner.deletePolicy(target, options));
  }

  /** Through this wrapper, so each database's read gets the 401 retry too. */
  loadAllDatabasePolicies(databases: readonly string[], options?: LoadAllOptions): Promise<DatabasePolicyResult[]> {
    return loadAllDatabasePolicies(this, databases, options);
  }

  runCommand(database: string, csl: string, options?: CommandOptions): Promise<Record<string, unknown>[]> {
    return this.retry(() => this.inner.runCommand(database, csl, options));
  }

  runKql(database: string, csl: string, options?: RunOptions): Promise<KqlResult> {
    return this.retry(() => this.inner.runKql(database, csl, options));
  }

  getDatabaseSchemaJson(database: string, options?: CallOptions): Promise<string> {
    return this.retry(() => this.inner.getDatabaseSchemaJson(database, options));
  }

  dispose(): void {
    this.inner.dispose();
  }

  private async retry<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (e) {
      if (!isKustoRequestError(e) || e.kind !== 'unauthorized') throw e;
      this.credential.invalidate();
      return call(); // once: a second 401 is the answer
    }
  }
}
