// Everything the tree knows about one cluster, loaded on demand and cached
// until refreshed: its identities, its policy, its databases and each
// database's policy. Expanding Databases costs one request (`.show databases`):
// the nodes show at once, and a background sweep then reads the databases'
// policies in list order (bounded in flight), reporting them in batches so the
// NativeIngestion summaries fill in progressively. A database expanded first is
// read first; a policy already read is not asked again until it is refreshed.
import { setMaxListeners } from 'node:events';
import type { ManagedIdentityPolicyApi } from '../../../clients/kusto/api';
import type { ClusterPolicies } from '../../../core/flows/policyAllowance';
import type { KnownIdentity } from '../../../core/identity';
import type { PolicyEntry, PolicyTarget } from '../../../core/policy/model';
import { validateClusterUrl } from '../../../core/clusterUrl';
import { describeLoadError, isCancellation } from './describeError';
import { identitiesFromPolicies } from './identities';
import { Loadable } from './loadable';
import { nativeIngestionSummary, type NativeIngestionSummary } from './nativeIngestion';
import type { ClusterServices, ClusterSource, DatabaseRow, IdentitiesResult, IdentityInfo } from './types';

/** How often the background sweep reports the policies it read (one tree update per batch). */
const SWEEP_REPORT_MS = 150;

export class ClusterModel {
  readonly clusterPolicy: Loadable<PolicyEntry[] | null>;
  readonly databases: Loadable<DatabaseRow[]>;
  readonly identities: Loadable<IdentitiesResult>;
  private databasePolicies = new Map<string, Loadable<PolicyEntry[] | null>>();
  private lastPublished = '';
  /** The sweep reading database policies in the background, and its completion. */
  private sweep: { readonly controller: AbortController; readonly done: Promise<void> } | undefined;
  /** Set by refreshing Databases: the next sweep reads every policy again (showing the old ones meanwhile). */
  private rereadPolicies = false;
  /** Identities named in the policies read so far; recomputed only when a policy changes. */
  private policyIdentities: IdentityInfo[] | undefined;

  /** Why the configured URL cannot be a cluster (checked as the CLI checks it); undefined when it can. */
  readonly urlProblem: string | undefined;

  constructor(readonly source: ClusterSource, private readonly services: ClusterServices) {
    this.urlProblem = validateClusterUrl(source.url).error;
    this.clusterPolicy = new Loadable(async (signal) => {
      const policy = await this.client().getClusterPolicy({ signal });
      this.policyIdentities = undefined;
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
    return this.services.client(this.url, this.source);
  }

  databasePolicy(name: string): Loadable<PolicyEntry[] | null> {
    let loadable = this.databasePolicies.get(name);
    if (!loadable) {
      loadable = this.newDatabasePolicy(name);
      this.databasePolicies.set(name, loadable);
    }
    return loadable;
  }

  /** Whether a database's policy is still to be read (the background sweep has not reached it). */
  databasePolicyPending(name: string): boolean {
    const loadable = this.databasePolicies.get(name);
    return loadable === undefined || (!loadable.loaded && loadable.error === undefined);
  }

  /** Resolves when every listed database's policy has been read (or failed). */
  async allDatabasePolicies(): Promise<void> {
    await this.databases.get();
    await this.sweep?.done;
  }

  /** Refreshing Databases: list them again and re-read every policy, keeping what is shown until the answers come. */
  refreshDatabases(): void {
    this.rereadPolicies = true;
    this.databases.invalidate();
  }

  private newDatabasePolicy(name: string): Loadable<PolicyEntry[] | null> {
    return new Loadable(async (signal) => {
      try {
        return await this.client().getDatabasePolicy(name, { signal });
      } finally {
        // After the Loadable has stored the answer (its own continuation), not before.
        setTimeout(() => { this.policyIdentities = undefined; }, 0);
      }
    });
  }

  policy(target: PolicyTarget): Loadable<PolicyEntry[] | null> {
    return target.kind === 'cluster' ? this.clusterPolicy : this.databasePolicy(target.database);
  }

  /** Records a policy as the cluster answered a change; no extra read. */
  setPolicy(target: PolicyTarget, policy: PolicyEntry[] | null): void {
    this.policy(target).set(policy);
    this.policyIdentities = undefined;
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

  /** The policies read so far (nothing is loaded): quick fixes and hovers say whether they allow a flow's usage. */
  policySnapshot(): ClusterPolicies {
    const system = this.systemObjectId();
    const databases: { name: string; policy: PolicyEntry[] | null }[] = [];
    for (const [name, loadable] of this.databasePolicies) {
      if (loadable.loaded) databases.push({ name, policy: loadable.peek() ?? null });
    }
    return {
      url: this.url,
      label: this.label,
      ...(system ? { systemObjectId: system } : {}),
      ...(this.clusterPolicy.loaded ? { cluster: this.clusterPolicy.peek() ?? null } : {}),
      databases,
    };
  }

  systemObjectId(): string | undefined {
    return this.identity('system')?.objectId;
  }

  /** Forget everything; loads in flight are stopped and their waiters follow the new ones. */
  invalidateAll(): void {
    this.stopSweep();
    this.clusterPolicy.invalidate();
    this.databases.invalidate();
    this.identities.invalidate();
    for (const p of this.databasePolicies.values()) p.invalidate();
    this.policyIdentities = undefined;
  }

  /** Forget every load that failed (a retry: siblings' stale errors go too); true when there was one. */
  invalidateFailed(): boolean {
    let any = false;
    for (const l of [this.clusterPolicy, this.databases, this.identities, ...this.databasePolicies.values()]) {
      if (l.error !== undefined) {
        l.invalidate();
        any = true;
      }
    }
    return any;
  }

  /** Stops every load in flight; true when one was running. */
  cancelAll(): boolean {
    const sweeping = this.stopSweep();
    const stopped = [this.clusterPolicy, this.databases, this.identities, ...this.databasePolicies.values()].map((l) => l.cancel());
    return sweeping || stopped.includes(true);
  }

  private async loadDatabases(signal: AbortSignal): Promise<DatabaseRow[]> {
    const rows = await this.client().listDatabases({ signal });
    // Policies already read stay (a database still listed keeps its cache); dropped databases go.
    const next = new Map<string, Loadable<PolicyEntry[] | null>>();
    for (const r of rows) next.set(r.name, this.databasePolicies.get(r.name) ?? this.newDatabasePolicy(r.name));
    for (const [name, old] of this.databasePolicies) if (!next.has(name)) old.cancel();
    this.databasePolicies = next;
    this.policyIdentities = undefined;
    const reread = this.rereadPolicies;
    this.rereadPolicies = false;
    this.startSweep(rows.map((r) => r.name), reread);
    return rows.map((r) => (r.prettyName ? { name: r.name, prettyName: r.prettyName } : { name: r.name }));
  }

  /** Reads the listed databases' policies in the background, in list order, and reports them in batches. */
  private startSweep(names: readonly string[], reread: boolean): void {
    this.stopSweep();
    const controller = new AbortController();
    const signal = controller.signal;
    // Every request in flight listens to it: as many listeners as requests, not a leak.
    setMaxListeners(Math.max(10, this.services.concurrency * 4), signal);
    const todo = reread ? names : names.filter((n) => this.databasePolicyPending(n));
    const changed = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (changed.size === 0 || signal.aborted) return;
      const batch = [...changed];
      changed.clear();
      this.policyIdentities = undefined;
      this.publishFromPolicies();
      this.services.policiesChanged?.(this.url, batch);
    };
    const report = (name: string) => {
      changed.add(name);
      timer ??= setTimeout(flush, SWEEP_REPORT_MS);
    };
    let next = 0;
    const worker = async () => {
      while (next < todo.length && !signal.aborted) {
        const name = todo[next++];
        const loadable = this.databasePolicies.get(name);
        if (!loadable) continue;
        if (!reread || loadable.loading) {
          // Shared with a node that asked first (expanded): one request, whoever starts it.
          if (!loadable.loaded && loadable.error === undefined) {
            await loadable.get().catch(() => undefined);
            if (!signal.aborted && loadable.error !== undefined) this.services.log?.warn(`${this.url}: ${describeLoadError(loadable.error).message}`);
            report(name);
          }
          continue;
        }
        const before = loadable.peek();
        try {
          const policy = await this.client().getDatabasePolicy(name, { signal });
          if (signal.aborted) return;
          // Only what changed is shown again.
          if (!loadable.loaded || JSON.stringify(before) !== JSON.stringify(policy)) {
            loadable.set(policy);
            report(name);
          }
        } catch (e) {
          if (signal.aborted || isCancellation(e)) return;
          loadable.fail(e);
          this.services.log?.warn(`${this.url}: ${describeLoadError(e).message}`);
          report(name);
        }
      }
    };
    const workers = Math.max(1, Math.min(this.services.concurrency, todo.length));
    const done = Promise.all(Array.from({ length: workers }, worker)).then(flush, flush);
    this.sweep = { controller, done };
  }

  private stopSweep(): boolean {
    const sweep = this.sweep;
    this.sweep = undefined;
    if (!sweep || sweep.controller.signal.aborted) return false;
    sweep.controller.abort();
    return true;
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
    const [cluster, databases] = await Promise.allSettled([this.clusterPolicy.get(), this.allDatabasePolicies()]);
    if (cluster.status === 'rejected' && databases.status === 'rejected') throw cluster.reason;
    const identities = this.identitiesFromLoadedPolicies();
    this.publish(identities);
    return { identities, source: 'policies', ...(armProblem ? { armProblem } : {}) };
  }

  private identitiesFromLoadedPolicies(): IdentityInfo[] {
    // Asked once per database node rendered: computed once per change, not per node.
    this.policyIdentities ??= identitiesFromPolicies([this.clusterPolicy.peek(), ...[...this.databasePolicies.values()].map((p) => p.peek())], this.url);
    return this.policyIdentities;
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
