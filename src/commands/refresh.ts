import type { ClusterTreeProvider } from '../views/clusterTree/clusterTreeProvider';
import type { TreeNode } from '../views/clusterTree/model/nodes/treeNode';
import type { Command } from './commandManager';
import { CommandIds } from './ids';

/** Refreshes one tree node (from its context menu) or the whole tree. */
export class RefreshCommand implements Command {
  readonly id = CommandIds.refresh;
  constructor(private readonly tree: ClusterTreeProvider) {}
  execute(node?: TreeNode): Promise<void> {
    return this.tree.refresh(node);
  }
}
