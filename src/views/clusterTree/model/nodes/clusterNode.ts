import type { ClusterModel } from '../clusterModel';
import { ClusterPolicyNode } from './clusterPolicyNode';
import { DatabasesNode } from './databasesNode';
import { ErrorNode } from './errorNode';
import { IdentitiesNode } from './identitiesNode';
import { TreeNode } from './treeNode';

/** A configured cluster: Identities, Cluster policy, Databases. */
export class ClusterNode extends TreeNode {
  readonly kind = 'cluster';
  private readonly groups: TreeNode[];

  constructor(cluster: ClusterModel) {
    super(cluster, undefined);
    this.groups = [new IdentitiesNode(cluster, this), new ClusterPolicyNode(cluster, this), new DatabasesNode(cluster, this)];
  }

  get id(): string {
    return `cluster:${this.cluster.url}`;
  }

  /** The three groups, e.g. to re-render them after a policy change. */
  groupNodes(): { readonly identities: TreeNode; readonly clusterPolicy: TreeNode; readonly databases: TreeNode } {
    const [identities, clusterPolicy, databases] = this.groups;
    return { identities, clusterPolicy, databases };
  }

  /** Read by the Remove Cluster command. */
  get clusterUrl(): string {
    return this.cluster.url;
  }

  /** A settings entry that is not a cluster URL: shown as such, never connected to. */
  get urlProblem(): string | undefined {
    return this.cluster.urlProblem;
  }

  override get expandable(): boolean {
    return this.urlProblem === undefined;
  }

  override async children(): Promise<TreeNode[]> {
    if (this.urlProblem !== undefined) return [];
    try {
      this.cluster.client(); // fails fast when auth cannot work for this cluster
    } catch (e) {
      return this.memo(e, () => [new ErrorNode(this.cluster, this, e)]);
    }
    // Read the cluster policy now: the groups' descriptions summarise it.
    await this.cluster.clusterPolicy.get().catch(() => undefined);
    return this.memo(this.groups, () => this.groups);
  }

  override invalidate(): void {
    this.cluster.invalidateAll();
  }

  override cancel(): boolean {
    return this.cluster.cancelAll();
  }
}
