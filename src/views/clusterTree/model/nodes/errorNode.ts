import type { ClusterModel } from '../clusterModel';
import { describeLoadError, type ErrorCategory } from '../describeError';
import { TreeNode } from './treeNode';

/** A load that failed, in words; "Retry" refreshes the node whose load it was. */
export class ErrorNode extends TreeNode {
  readonly kind = 'error';
  readonly message: string;
  readonly category: ErrorCategory;

  constructor(cluster: ClusterModel, parent: TreeNode, error: unknown) {
    super(cluster, parent);
    const described = describeLoadError(error);
    this.message = described.message;
    this.category = described.category;
  }

  get id(): string {
    return `${this.parent!.id}/error`;
  }

  /** The node to refresh for a retry. */
  get retryTarget(): TreeNode {
    return this.parent!;
  }
}
