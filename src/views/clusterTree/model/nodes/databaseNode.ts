import { databaseTarget, type PolicyEntry, type PolicyTarget } from '../../../../core/policy/model';
import type { ClusterModel } from '../clusterModel';
import type { Loadable } from '../loadable';
import type { NativeIngestionSummary } from '../nativeIngestion';
import type { DatabaseRow } from '../types';
import type { DatabasesNode } from './databasesNode';
import { PolicyOwnerNode } from './policyOwner';

/** One database; its policy entries are the children, its NativeIngestion state the description. */
export class DatabaseNode extends PolicyOwnerNode {
  readonly kind = 'database';
  readonly target: PolicyTarget;
  protected readonly emptyMessage = 'No managed_identity policy on this database';

  constructor(cluster: ClusterModel, parent: DatabasesNode, readonly row: DatabaseRow) {
    super(cluster, parent);
    this.target = databaseTarget(row.name);
  }

  get id(): string {
    return `${this.parent!.id}/${this.row.name}`;
  }

  get name(): string {
    return this.row.name;
  }

  get policy(): Loadable<PolicyEntry[] | null> {
    return this.cluster.databasePolicy(this.row.name);
  }

  /** Read at render time, so a re-render after a change shows the new state. */
  get nativeIngestion(): NativeIngestionSummary {
    return this.cluster.nativeIngestion(this.row.name);
  }

  /** The policy could not be read (shown on the node; the others are unaffected). */
  get failed(): unknown {
    return this.policy.error;
  }
}
