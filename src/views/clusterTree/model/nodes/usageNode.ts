import type { ClusterModel } from '../clusterModel';
import { NATIVE_INGESTION } from '../nativeIngestion';
import type { PolicyEntryNode } from './policyEntryNode';
import { TreeNode } from './treeNode';

/** One allowed usage of a policy entry. */
export class UsageNode extends TreeNode {
  readonly kind = 'usage';

  constructor(cluster: ClusterModel, readonly entryNode: PolicyEntryNode, readonly usage: string) {
    super(cluster, entryNode);
  }

  get id(): string {
    return `${this.entryNode.id}/${this.usage}`;
  }

  get isNativeIngestion(): boolean {
    const u = this.usage.toLowerCase();
    return u === NATIVE_INGESTION.toLowerCase() || u === 'all';
  }
}
