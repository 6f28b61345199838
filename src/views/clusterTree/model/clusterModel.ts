// Everything the tree knows about one cluster, loaded on demand and cached
// until refreshed: its identities, its policy, its databases and each
// database's policy. The Databases load reads every database's policy at once
// (bounded in flight), so database nodes can show their NativeIngestion state.
import type { ManagedIdentityPolicyApi } from '../../../clients/kusto/api';
import type { KnownIdentity } from '../../../core/identity';
import type { PolicyEntry, PolicyTarget } from '../../../core/policy/model';
import { describeLoadError, isCancellation } from './describeError';
import { identitiesFromPolicies } from './identities';
import { Loadable } from './loadable';
import { nativeIngestionSummary, type NativeIngestionSummary } from './nativeIngestion';
import type { ClusterServices, ClusterSource, DatabaseRow, IdentitiesResult, IdentityInfo } from './types';

export class ClusterModel {
  readonly clusterPolicy: Loadable<PolicyEntry[] | null>;
  readonly databases: Loadable<DatabaseRow[]>;
  readonly identities: Loadable<IdentitiesResult>;
  private databasePolicies = new Map<string, Loadable<PolicyEntry[] | null>>();
  private lastPublished = '';

  constructor(readonly source: ClusterSource, private readonly services: ClusterServices) {
    this.clusterPolicy = new Loadable(async (signal) => {
      const policy = await this.client().getClusterPolicy({ signal });
      this.publishFromPolicies();
      return policy;
    });
    this.databases = new Loadable((signal) => this.loadDatabases(signal));
    this.identities = new Loadable((signal) => this.loadIdentities(signal));
  }

  get url(): string {
    return this.source.url;
  }

  get label(): string {
    return this.source.name ?? this.source.url;
  }

  /** Throws when no client can be built (e.g. auth `none` for a remote cluster). */
  client(): ManagedIdentityPolicyApi {
    return this.services.client(this.url);
  }

  databasePolicy(name: string): Loadable<PolicyEntry[] | null> {
    let loadable = this.databasePolicies.get(name);
    if (!loadable) {
      loadable = new Loadable((signal) => this.client().getDatabasePolicy(name, { signal }));
      this.databasePolicies.set(name, loadable);
    }
    return loadable;
  }

  policy(target: PolicyTarget): Loadable<PolicyEntry[] | null> {
    return target.kind === 'cluster' ? this.clusterPolicy : this.databasePolicy(target.database);
  }

  /** Records a policy as the cluster answered a change; no extra read. */
  setPolicy(target: PolicyTarget, policy: PolicyEntry[] | null): void {
    this.policy(target).set(policy);
    this.publishFromPolicies();
  }

  nativeIngestion(database: string): NativeIngestionSummary {
    const system = this.systemObjectId();
    return nativeIngestionSummary(this.clusterPolicy.peek(), this.databasePolicy(database).peek(), system ? { systemObjectId: system } : {});
  }

  /** The identity an object id names, from ARM or the policies read so far. */
  identity(objectId: string): IdentityInfo | undefined {
    const key = objectId.toLowerCase();
    const known = this.identities.peek()?.identities ?? this.identitiesFromLoadedPolicies();
    return known.find((i) => i.objectId.toLowerCase() === key || (key === 'system' && i.kind === 'system'));
  }

  systemObjectId(): string | undefined {
    return this.identity('system')?.objectId;
  }

  /** Forget everything; loads in flight are stopped and their waiters follow the new ones. */
  invalidateAll(): void {
    this.clusterPolicy.invalidate();
    this.databases.invalidate();
    this.identities.invalidate();
    for (const p of this.databasePolicies.values()) p.invalidate();
  }

  /** Stops every load in flight; true when one was running. */
  cancelAll(): boolean {
    const stopped = [this.clusterPolicy, this.databases, this.identities, ...this.databasePolicies.values()].map((l) => l.cancel());
    return stopped.includes(true);
  }

  private async loadDatabases(signal: AbortSignal): Promise<DatabaseRow[]> {
    const client = this.client();
    const rows = await client.listDatabases({ signal });
    const results = await client.loadAllDatabasePolicies(rows.map((r) => r.name), { signal, concurrency: this.services.concurrency });
    const next = new Map<string, Loadable<PolicyEntry[] | null>>();
    for (const result of results) {
      const loadable = new Loadable((s) => this.client().getDatabasePolicy(result.name, { signal: s }));
      if ('error' in result) {
        loadable.fail(result.error);
        this.services.log?.warn(`${this.url}: ${describeLoadError(result.error).message}`);
      } else {
        loadable.set(result.policy);
      }
      next.set(result.name, loadable);
    }
    for (const old of this.databasePolicies.values()) old.cancel();
    this.databasePolicies = next;
    this.publishFromPolicies();
    return rows.map((r) => (r.prettyName ? { name: r.name, prettyName: r.prettyName } : { name: r.name }));
  }

  private async loadIdentities(signal: AbortSignal): Promise<IdentitiesResult> {
    let armProblem: string | undefined;
    try {
      const fromArm = await this.services.armIdentities(this.source, signal);
      if (fromArm) {
        this.publish(fromArm);
        return { identities: fromArm, source: 'arm' };
      }
    } catch (e) {
      if (signal.aborted || isCancellation(e)) throw e;
      armProblem = describeLoadError(e).message;
      this.services.log?.warn(`${this.url}: identities from Azure Resource Manager: ${armProblem}`);
    }
    // Without ARM, the policies name the identities they allow: read them all.
    const [cluster, databases] = await Promise.allSettled([this.clusterPolicy.get(), this.databases.get()]);
    if (cluster.status === 'rejected' && databases.status === 'rejected') throw cluster.reason;
    const identities = this.identitiesFromLoadedPolicies();
    this.publish(identities);
    return { identities, source: 'policies', ...(armProblem ? { armProblem } : {}) };
  }

  private identitiesFromLoadedPolicies(): IdentityInfo[] {
    return identitiesFromPolicies([this.clusterPolicy.peek(), ...[...this.databasePolicies.values()].map((p) => p.peek())], this.url);
  }

  /** Until ARM has answered, what the policies mention is the best list there is. */
  private publishFromPolicies(): void {
    if (this.identities.peek()?.source === 'arm') return;
    const identities = this.identitiesFromLoadedPolicies();
    if (identities.length > 0) this.publish(identities);
  }

  private publish(identities: readonly IdentityInfo[]): void {
    const known = identities.map((i): KnownIdentity => ({
      objectId: i.objectId,
      ...(i.displayName ? { displayName: i.displayName } : {}),
      ...(i.clientId ? { clientId: i.clientId } : {}),
      // Quick fixes offer the system identity once, as `system`, not again by object id.
      ...(i.kind === 'system' ? { kind: 'system' as const } : {}),
      cluster: this.url,
    }));
    // Every open document is analysed again when identities change: only say so when they did.
    const key = JSON.stringify(known);
    if (key === this.lastPublished) return;
    this.lastPublished = key;
    this.services.publishIdentities(this.url, known);
  }
}
