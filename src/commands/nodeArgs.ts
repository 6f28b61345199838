// Commands get a tree node from menus and nothing (or anything) from the
// palette or other callers: only real nodes are taken.
import { TreeNode } from '../views/clusterTree/model/nodes/treeNode';

export function asNode(arg: unknown): TreeNode | undefined {
  return arg instanceof TreeNode ? arg : undefined;
}
