// Every managed identity the extension knows: those the cluster tree read from
// clusters (and ARM), and those from the `kustoMi.identities` setting. Quick
// fixes, completions and hovers all ask here.
import * as vscode from 'vscode';
import type { Config } from '../config/config';
import { identityAllowanceNote, type ClusterPolicies } from '../core/flows/policyAllowance';
import type { KnownIdentity } from '../core/identity';
import type { ManagedIdentityUsage } from '../core/kql/usages';
import { Disposable } from '../util/dispose';

export class IdentityRegistry extends Disposable {
  private readonly fromClusters = new Map<string, readonly KnownIdentity[]>();
  private policySource: (() => readonly ClusterPolicies[]) | undefined;
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly config: Config) {
    super();
    this._register(config.onDidChange((keys) => {
      if (keys.has('identities')) this.changed.fire();
    }));
  }

  /** Called by the cluster tree when it has read a cluster's identities. */
  setClusterIdentities(clusterUrl: string, identities: readonly KnownIdentity[]): void {
    this.fromClusters.set(clusterUrl, identities);
    this.changed.fire();
  }

  /** Set by the Clusters tree: the policies it has read, asked when a quick fix or hover is shown (so never stale). */
  setPolicySource(source: () => readonly ClusterPolicies[]): vscode.Disposable {
    this.policySource = source;
    return new vscode.Disposable(() => {
      if (this.policySource === source) this.policySource = undefined;
    });
  }

  /** The managed_identity policies read so far, per cluster. */
  clusterPolicies(): readonly ClusterPolicies[] {
    return this.policySource?.() ?? [];
  }

  /**
   * Whether the policies read allow `usage` for `identity` (`system` or an
   * object id): "ExportRequest not yet allowed on cluster X — run Allow Usages";
   * undefined when no policy read says.
   */
  allowanceNote(identity: string, usage: ManagedIdentityUsage | undefined): string | undefined {
    const clusters = this.clusterPolicies();
    if (clusters.length === 0) return undefined;
    const assigned = identity.toLowerCase() === 'system' ? undefined : this.find(identity)?.cluster;
    return identityAllowanceNote(clusters, identity, usage, assigned);
  }

  clearCluster(clusterUrl: string): void {
    if (this.fromClusters.delete(clusterUrl)) this.changed.fire();
  }

  /** Cluster identities first; settings fill in what the clusters do not know. De-duplicated by object id. */
  all(): KnownIdentity[] {
    const byId = new Map<string, KnownIdentity>();
    for (const list of this.fromClusters.values()) {
      for (const identity of list) byId.set(identity.objectId.toLowerCase(), identity);
    }
    for (const identity of this.config.identities) {
      const key = identity.objectId.toLowerCase();
      if (!byId.has(key)) byId.set(key, identity);
    }
    return [...byId.values()];
  }

  find(objectId: string): KnownIdentity | undefined {
    const key = objectId.toLowerCase();
    return this.all().find((i) => i.objectId.toLowerCase() === key);
  }
}

/** "ingest-mi (6a58…)" style label used by quick fixes, completions and hovers. */
export function identityLabel(identity: KnownIdentity): string {
  return identity.displayName ? `${identity.displayName} (${identity.objectId})` : identity.objectId;
}

/** Markdown lines describing an identity, for hovers. */
export function identityMarkdown(identity: KnownIdentity | undefined, value: string): string {
  if (value.toLowerCase() === 'system') {
    return '**System-assigned managed identity** of the cluster that runs the command.';
  }
  if (!identity) {
    return `Object id \`${value}\` is not a managed identity this extension knows. Add the cluster in the Clusters view, or list the identity in the \`kustoMi.identities\` setting.`;
  }
  const lines = [`**Managed identity ${identity.displayName ?? ''}**`.replace(/ \*\*$/, '**'), '', `- Object (principal) id: \`${identity.objectId}\``];
  if (identity.clientId) lines.push(`- Client id: \`${identity.clientId}\``);
  if (identity.cluster) lines.push(`- Assigned to cluster: ${identity.cluster}`);
  return lines.join('\n');
}
