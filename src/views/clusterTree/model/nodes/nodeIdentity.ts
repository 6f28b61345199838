// The identity a node stands for (an identity, or a policy entry), for the
// copy commands and as the preselected identity when allowing usages.
import { IdentityNode } from './identityNode';
import { PolicyEntryNode } from './policyEntryNode';
import type { TreeNode } from './treeNode';

export interface NodeIdentity {
  readonly objectId: string;
  readonly isSystem: boolean;
  readonly label: string;
}

export function nodeIdentity(node: TreeNode | undefined): NodeIdentity | undefined {
  if (node instanceof IdentityNode) {
    return { objectId: node.identity.objectId, isSystem: node.isSystem, label: node.isSystem ? 'the system-assigned identity' : node.identity.displayName ?? node.identity.objectId };
  }
  if (node instanceof PolicyEntryNode) return { objectId: node.entry.ObjectId, isSystem: node.isSystem, label: node.displayName };
  return undefined;
}

/** What goes after `;managed_identity=` in a blob URI. */
export function managedIdentitySuffix(identity: NodeIdentity): string {
  return `;managed_identity=${identity.isSystem ? 'system' : identity.objectId}`;
}
