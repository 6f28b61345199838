// The Clusters view: presents the model's nodes, reloads a node (or all) on
// refresh, cancels a node's loads when it is collapsed, and rebuilds every
// connection when auth or cluster settings change.
import * as vscode from 'vscode';
import type { Ctx } from '../../ctx';
import type { IdentityRegistry } from '../../identities/identityRegistry';
import type { PolicyTarget } from '../../core/policy/model';
import { Disposable } from '../../util/dispose';
import type { ClusterConnections } from './clusterServices';
import { toLightTreeItem, toTreeItem } from './items/toTreeItem';
import { isCancellation } from './model/describeError';
import type { ClusterPolicyNode } from './model/nodes/clusterPolicyNode';
import type { DatabasesNode } from './model/nodes/databasesNode';
import type { ErrorNode } from './model/nodes/errorNode';
import type { TreeNode } from './model/nodes/treeNode';
import { ClusterTreeModel } from './model/treeModel';

export const CLUSTER_VIEW_ID = 'kustoMi.clusters';

/** Settings after which every client and credential is built again. */
const CONNECTION_KEYS = ['auth.method', 'auth.tenant', 'cloud', 'armEndpoint', 'requestTimeoutSeconds'];

export class ClusterTreeProvider extends Disposable implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = this._register(new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  readonly model: ClusterTreeModel;
  private shownUrls: string[] = [];

  constructor(private readonly ctx: Ctx, readonly connections: ClusterConnections, private readonly registry: IdentityRegistry) {
    super();
    this.model = new ClusterTreeModel(connections, () => ctx.config.clusters);
    connections.onPoliciesChanged = (url, databases) => this.policiesRead(url, databases);
    this._register({ dispose: () => { connections.onPoliciesChanged = undefined; } });
    // Quick fixes and hovers say whether the policies read already allow a flow's usage.
    this._register(registry.setPolicySource(() => this.model.policySnapshots()));
    this._register(ctx.config.onDidChange((keys) => {
      if (CONNECTION_KEYS.some((k) => keys.has(k))) this.reconnect();
      // Cluster list: roots() keeps the clusters still listed, with their clients and caches.
      else if (keys.has('clusters')) this.changed.fire(undefined);
    }));
  }

  get auth() {
    return this.connections.auth;
  }

  /** Drop clients, credentials and cached loads; the tree reloads what is shown. */
  reconnect(): void {
    this.ctx.resetConnections();
    this.connections.auth.reset();
    this.model.reset();
    this.changed.fire(undefined);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return toLightTreeItem(node);
  }

  /** Tooltips the light items leave out, built when the user hovers. */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (item.tooltip === undefined) item.tooltip = toTreeItem(node).tooltip;
    return item;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return this.roots();
    try {
      if (!node.slow) return await node.children();
      const children = await vscode.window.withProgress({ location: { viewId: CLUSTER_VIEW_ID } }, () => node.children());
      // The group's own description summarises what just loaded: render it again (children come from the cache).
      setTimeout(() => this.changed.fire(node), 0);
      return children;
    } catch (e) {
      if (isCancellation(e)) return [];
      throw e;
    }
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  /** Reloads a node (an error node: the node whose load failed), then shows it again; without a node, everything. */
  async refresh(node?: TreeNode): Promise<void> {
    if (!node) {
      this.model.invalidateAll();
      this.changed.fire(undefined);
      return;
    }
    if (node.kind === 'error') {
      // Retry: the failed load (or the whole cluster after a connection fault) and every sibling's stale error.
      const target = this.model.retry(node as ErrorNode);
      await vscode.window.withProgress({ location: { viewId: CLUSTER_VIEW_ID } }, () => target.preload());
      const root = this.model.clusterNode(target.cluster.url);
      this.changed.fire(root ?? target);
      return;
    }
    const target = node;
    target.invalidate();
    await vscode.window.withProgress({ location: { viewId: CLUSTER_VIEW_ID } }, () => target.preload());
    // A database's state also shows in the Databases group's counts.
    this.changed.fire(target.kind === 'database' && target.parent ? [target.parent, target] : target);
  }

  /** A policy changed (the model already holds the new one): show it, and what it changes elsewhere. */
  policyChanged(clusterUrl: string, target: PolicyTarget): void {
    const clusterNode = this.model.clusterNode(clusterUrl);
    if (!clusterNode) return this.changed.fire(undefined);
    const groups = clusterNode.groupNodes();
    const databases = groups.databases as DatabasesNode;
    const nodes: TreeNode[] = [databases];
    if (target.kind === 'cluster') nodes.push(groups.clusterPolicy as ClusterPolicyNode);
    else {
      const db = databases.databaseNode(target.database);
      if (db) nodes.push(db);
    }
    this.changed.fire(nodes);
  }

  /**
   * A policy changed outside the tree (a KQL file's Run): read that one policy
   * again and show its node and what depends on it, not the whole tree (every
   * other cached load stays).
   */
  async reloadPolicy(clusterUrl: string, target: PolicyTarget): Promise<void> {
    const policy = this.model.cluster(clusterUrl)?.policy(target);
    if (!policy) return;
    policy.invalidate();
    // A failed read shows on the node itself.
    await vscode.window.withProgress({ location: { viewId: CLUSTER_VIEW_ID } }, () => policy.get().catch(() => undefined));
    this.policyChanged(clusterUrl, target);
  }

  /** The background sweep read some databases' policies: show those nodes and the group's counts again. */
  private policiesRead(url: string, databases: readonly string[]): void {
    const clusterNode = this.model.clusterNode(url);
    if (!clusterNode) return;
    const group = clusterNode.groupNodes().databases as DatabasesNode;
    const nodes: TreeNode[] = [group];
    for (const name of databases) {
      const node = group.databaseNode(name);
      if (node) nodes.push(node);
    }
    this.changed.fire(nodes);
  }

  /** Collapsed: stop what it was loading, and load afresh when it opens again. */
  cancel(node: TreeNode): void {
    // Its getChildren answered nothing: mark it stale so expanding asks again.
    if (node.cancel()) this.changed.fire(node);
  }

  private roots(): TreeNode[] {
    const roots = this.model.roots();
    const urls = roots.map((r) => r.cluster.url);
    for (const url of this.shownUrls) if (!urls.includes(url)) this.registry.clearCluster(url);
    this.shownUrls = urls;
    this.connections.retainOnly(urls);
    return roots;
  }
}
