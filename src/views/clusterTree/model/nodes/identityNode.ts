import type { ClusterModel } from '../clusterModel';
import type { IdentityInfo } from '../types';
import type { IdentitiesNode } from './identitiesNode';
import { TreeNode } from './treeNode';

/** One managed identity of the cluster: system-assigned, or user-assigned by name. */
export class IdentityNode extends TreeNode {
  readonly kind = 'identity';

  constructor(cluster: ClusterModel, parent: IdentitiesNode, readonly identity: IdentityInfo) {
    super(cluster, parent);
  }

  get id(): string {
    return `${this.parent!.id}/${this.identity.objectId.toLowerCase()}`;
  }

  get isSystem(): boolean {
    return this.identity.kind === 'system';
  }
}
