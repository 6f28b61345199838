import { CLUSTER_TARGET, type PolicyEntry, type PolicyTarget } from '../../../../core/policy/model';
import type { ClusterModel } from '../clusterModel';
import type { Loadable } from '../loadable';
import type { ClusterNode } from './clusterNode';
import { PolicyOwnerNode } from './policyOwner';

/** "Cluster policy": the cluster-level managed_identity policy, one child per entry. */
export class ClusterPolicyNode extends PolicyOwnerNode {
  readonly kind = 'clusterPolicy';
  readonly target: PolicyTarget = CLUSTER_TARGET;
  protected readonly emptyMessage = 'No managed_identity policy on the cluster';

  constructor(cluster: ClusterModel, parent: ClusterNode) {
    super(cluster, parent);
  }

  get id(): string {
    return `${this.parent!.id}/clusterPolicy`;
  }

  get policy(): Loadable<PolicyEntry[] | null> {
    return this.cluster.clusterPolicy;
  }
}
