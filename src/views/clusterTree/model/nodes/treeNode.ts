// The base of every node of the cluster tree. Nodes are plain objects (no
// `vscode`): the provider turns them into TreeItems. A node keeps its child
// objects while its data is unchanged, so the element VS Code hands back to a
// command is the same object the tree shows, and ids stay stable.
import type { ClusterModel } from '../clusterModel';

export type NodeKind =
  | 'cluster' | 'identities' | 'identity' | 'clusterPolicy' | 'policyEntry' | 'usage'
  | 'databases' | 'database' | 'error' | 'info';

export abstract class TreeNode {
  abstract readonly kind: NodeKind;
  private memoKey: unknown = Symbol('none');
  private memoChildren: TreeNode[] = [];

  constructor(readonly cluster: ClusterModel, readonly parent: TreeNode | undefined) {}

  abstract get id(): string;

  get expandable(): boolean {
    return false;
  }

  /** Whether expanding may take a while (shown with progress in the view). */
  get slow(): boolean {
    return false;
  }

  /** Rejects only when cancelled; failures become error nodes. */
  async children(): Promise<TreeNode[]> {
    return [];
  }

  /** Forget what this node shows, so the next look loads it again. */
  invalidate(): void {}

  /** Load what this node itself shows (label, description), e.g. before re-rendering it. */
  async preload(): Promise<void> {}

  /** Stop loads started for this node (collapsed); true when one was running. */
  cancel(): boolean {
    return false;
  }

  /** Children built from `data`, rebuilt only when `data` is another object. */
  protected memo(data: unknown, build: () => TreeNode[]): TreeNode[] {
    if (data !== this.memoKey) {
      this.memoKey = data;
      this.memoChildren = build();
    }
    return this.memoChildren;
  }
}
