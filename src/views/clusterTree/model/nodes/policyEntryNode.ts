import type { PolicyEntry } from '../../../../core/policy/model';
import { entryAllows } from '../../../../core/policy/evaluate';
import type { ClusterModel } from '../clusterModel';
import { NATIVE_INGESTION } from '../nativeIngestion';
import type { IdentityInfo } from '../types';
import type { PolicyOwnerNode } from './policyOwner';
import { TreeNode } from './treeNode';
import { UsageNode } from './usageNode';

/** One identity's entry in a policy; its usages are the children. */
export class PolicyEntryNode extends TreeNode {
  readonly kind = 'policyEntry';

  constructor(cluster: ClusterModel, readonly owner: PolicyOwnerNode, readonly entry: PolicyEntry) {
    super(cluster, owner);
  }

  get id(): string {
    return `${this.owner.id}/entry/${this.entry.ObjectId.toLowerCase()}`;
  }

  override get expandable(): boolean {
    return this.entry.AllowedUsages.length > 0;
  }

  get isSystem(): boolean {
    return this.entry.IsSystem === true || this.entry.ObjectId.toLowerCase() === 'system' || this.identity?.kind === 'system';
  }

  /** What ARM (or the policies) say about this identity. */
  get identity(): IdentityInfo | undefined {
    return this.cluster.identity(this.entry.ObjectId);
  }

  get displayName(): string {
    const known = this.identity?.displayName;
    if (this.isSystem) return known ?? 'System-assigned identity';
    return known ?? this.entry.DisplayName ?? this.entry.ObjectId;
  }

  get allowsNativeIngestion(): boolean {
    return entryAllows(this.entry, NATIVE_INGESTION);
  }

  override async children(): Promise<TreeNode[]> {
    return this.memo(this.entry, () => this.entry.AllowedUsages.map((u) => new UsageNode(this.cluster, this, u)));
  }
}
