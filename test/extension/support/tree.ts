// Reading the Clusters view as a user sees it: a node's label, its children
// and its tree item, through the extension's own tree provider.
import type * as vscode from 'vscode';
import type { TestingApi } from '../../../src/extension';
import type { TreeNode } from '../../../src/views/clusterTree/model/nodes/treeNode';

/** The text of a tree item's label. */
export const label = (item: vscode.TreeItem): string => (typeof item.label === 'string' ? item.label : item.label?.label ?? '');

/** Children and tree items of the Clusters view; `testing` is read at each call (it is set in `before`). */
export function clusterTreeReader(testing: () => TestingApi): {
  children(node?: TreeNode): Promise<TreeNode[]>;
  item(node: TreeNode): vscode.TreeItem;
} {
  return {
    children: async (node) => (await testing().clusterTree.getChildren(node)) ?? [],
    item: (node) => testing().clusterTree.getTreeItem(node) as vscode.TreeItem,
  };
}
