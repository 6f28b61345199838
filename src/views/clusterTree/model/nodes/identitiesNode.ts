import type { ClusterModel } from '../clusterModel';
import { isCancellation } from '../describeError';
import type { IdentitiesResult } from '../types';
import type { ClusterNode } from './clusterNode';
import { ErrorNode } from './errorNode';
import { IdentityNode } from './identityNode';
import { InfoNode } from './infoNode';
import { TreeNode } from './treeNode';

/** "Identities": from ARM when the cluster's resource id is known, else from its policies. */
export class IdentitiesNode extends TreeNode {
  readonly kind = 'identities';

  constructor(cluster: ClusterModel, parent: ClusterNode) {
    super(cluster, parent);
  }

  get id(): string {
    return `${this.parent!.id}/identities`;
  }

  override get expandable(): boolean {
    return true;
  }

  override get slow(): boolean {
    return !this.cluster.identities.loaded;
  }

  get result(): IdentitiesResult | undefined {
    return this.cluster.identities.peek();
  }

  override async children(): Promise<TreeNode[]> {
    let result: IdentitiesResult;
    try {
      result = await this.cluster.identities.get();
    } catch (e) {
      if (isCancellation(e)) throw e;
      return this.memo(e, () => [new ErrorNode(this.cluster, this, e)]);
    }
    return this.memo(result, () => {
      const nodes: TreeNode[] = result.identities.map((i) => new IdentityNode(this.cluster, this, i));
      if (result.source === 'policies') {
        const why = result.armProblem
          ? `Azure Resource Manager could not be asked: ${result.armProblem}`
          : 'The cluster has no ARM resource id in kustoMi.clusters (use "Discover Clusters in Azure" to add it).';
        nodes.push(new InfoNode(this.cluster, this, 'source',
          nodes.length > 0 ? 'Only identities named in the policies are listed' : 'No identity is named in the policies', why));
      } else if (nodes.length === 0) {
        nodes.push(new InfoNode(this.cluster, this, 'empty', 'No managed identity is assigned to this cluster'));
      }
      return nodes;
    });
  }

  override invalidate(): void {
    this.cluster.identities.invalidate();
  }

  override cancel(): boolean {
    return this.cluster.identities.cancel();
  }
}
