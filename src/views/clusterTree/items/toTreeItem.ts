// Presentation: the TreeItem of each node kind, with the node's stable id.
import type * as vscode from 'vscode';
import type { ClusterNode } from '../model/nodes/clusterNode';
import type { ClusterPolicyNode } from '../model/nodes/clusterPolicyNode';
import type { DatabaseNode } from '../model/nodes/databaseNode';
import type { DatabasesNode } from '../model/nodes/databasesNode';
import type { ErrorNode } from '../model/nodes/errorNode';
import type { IdentitiesNode } from '../model/nodes/identitiesNode';
import type { IdentityNode } from '../model/nodes/identityNode';
import type { InfoNode } from '../model/nodes/infoNode';
import type { PolicyEntryNode } from '../model/nodes/policyEntryNode';
import type { TreeNode } from '../model/nodes/treeNode';
import type { UsageNode } from '../model/nodes/usageNode';
import { ClusterItem, ClusterPolicyItem, DatabasesItem, IdentitiesItem } from './clusterItems';
import { DatabaseItem } from './databaseItem';
import { IdentityItem, PolicyEntryItem, UsageItem } from './policyItems';
import { ErrorItem, InfoItem } from './statusItems';

export function toTreeItem(node: TreeNode): vscode.TreeItem {
  const item = build(node);
  item.id = node.id;
  return item;
}

/** A database's item without its tooltip (the view resolves it on hover): there can be thousands. */
export function toLightTreeItem(node: TreeNode): vscode.TreeItem {
  if (node.kind !== 'database') return toTreeItem(node);
  const item = new DatabaseItem(node as DatabaseNode, false);
  item.id = node.id;
  return item;
}

function build(node: TreeNode): vscode.TreeItem {
  switch (node.kind) {
    case 'cluster': return new ClusterItem(node as ClusterNode);
    case 'identities': return new IdentitiesItem(node as IdentitiesNode);
    case 'identity': return new IdentityItem(node as IdentityNode);
    case 'clusterPolicy': return new ClusterPolicyItem(node as ClusterPolicyNode);
    case 'policyEntry': return new PolicyEntryItem(node as PolicyEntryNode);
    case 'usage': return new UsageItem(node as UsageNode);
    case 'databases': return new DatabasesItem(node as DatabasesNode);
    case 'database': return new DatabaseItem(node as DatabaseNode);
    case 'error': return new ErrorItem(node as ErrorNode);
    case 'info': return new InfoItem(node as InfoNode);
  }
}
