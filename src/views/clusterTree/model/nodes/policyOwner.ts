// A node whose data is a managed_identity policy (the cluster's or a
// database's); its children are the policy's entries.
import type { PolicyEntry, PolicyTarget } from '../../../../core/policy/model';
import { isCancellation } from '../describeError';
import type { Loadable } from '../loadable';
import { ErrorNode } from './errorNode';
import { InfoNode } from './infoNode';
import { PolicyEntryNode } from './policyEntryNode';
import { TreeNode } from './treeNode';

export abstract class PolicyOwnerNode extends TreeNode {
  abstract readonly target: PolicyTarget;
  abstract get policy(): Loadable<PolicyEntry[] | null>;
  /** Shown when there is no policy (or an empty one). */
  protected abstract readonly emptyMessage: string;

  override get expandable(): boolean {
    return true;
  }

  override async children(): Promise<TreeNode[]> {
    let policy: PolicyEntry[] | null;
    try {
      policy = await this.policy.get();
    } catch (e) {
      if (isCancellation(e)) throw e;
      return this.memo(e, () => [new ErrorNode(this.cluster, this, e)]);
    }
    return this.memo(policy, () => (policy && policy.length > 0
      ? policy.map((entry) => new PolicyEntryNode(this.cluster, this, entry))
      : [new InfoNode(this.cluster, this, 'empty', this.emptyMessage)]));
  }

  override invalidate(): void {
    this.policy.invalidate();
  }

  override async preload(): Promise<void> {
    await this.policy.get().catch(() => undefined);
  }

  override cancel(): boolean {
    return this.policy.cancel();
  }
}

/** The node holding the policy `node` belongs to (itself, or an ancestor). */
export function policyOwnerOf(node: TreeNode | undefined): PolicyOwnerNode | undefined {
  for (let n = node; n; n = n.parent) if (n instanceof PolicyOwnerNode) return n;
  return undefined;
}
