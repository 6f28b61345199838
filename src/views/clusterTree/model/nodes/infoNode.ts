import type { ClusterModel } from '../clusterModel';
import { TreeNode } from './treeNode';

/** An empty state or a note, shown as a node rather than a pop-up. */
export class InfoNode extends TreeNode {
  readonly kind = 'info';

  constructor(cluster: ClusterModel, parent: TreeNode, private readonly key: string, readonly message: string, readonly detail?: string) {
    super(cluster, parent);
  }

  get id(): string {
    return `${this.parent!.id}/info/${this.key}`;
  }
}
