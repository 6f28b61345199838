import type { ClusterModel } from '../clusterModel';
import { describeLoadError, type ErrorCategory } from '../describeError';
import { TreeNode } from './treeNode';

/** A load that failed, in words; "Retry" refreshes the node whose load it was. */
export class ErrorNode extends TreeNode {
  readonly kind = 'error';
  readonly message: string;
  readonly category: ErrorCategory;
  /** Set when the fix is signing in to this tenant (the cluster's own). */
  readonly signInTenant: string | undefined;

  constructor(cluster: ClusterModel, parent: TreeNode, error: unknown) {
    super(cluster, parent);
    const described = describeLoadError(error);
    this.message = described.message;
    this.category = described.category;
    this.signInTenant = described.signInTenant;
  }

  get id(): string {
    return `${this.parent!.id}/error`;
  }

  /**
   * The node to refresh for a retry: the failed node's own load, or after a
   * connection fault (unreachable, dropped, timed out) the whole cluster, since
   * nothing it loaded through that connection can be trusted to be current.
   */
  get retryTarget(): TreeNode {
    if (!this.connectionFault) return this.parent!;
    let node: TreeNode = this.parent!;
    while (node.parent) node = node.parent;
    return node;
  }

  get connectionFault(): boolean {
    return this.category === 'connection';
  }
}
