import type { ClusterModel } from '../clusterModel';
import { isCancellation } from '../describeError';
import type { ClusterNode } from './clusterNode';
import { DatabaseNode } from './databaseNode';
import { ErrorNode } from './errorNode';
import { InfoNode } from './infoNode';
import { TreeNode } from './treeNode';

/** "Databases": lists them at once; their policies are read in the background (ClusterModel). */
export class DatabasesNode extends TreeNode {
  readonly kind = 'databases';
  private shown: TreeNode[] = [];

  constructor(cluster: ClusterModel, parent: ClusterNode) {
    super(cluster, parent);
  }

  get id(): string {
    return `${this.parent!.id}/databases`;
  }

  override get expandable(): boolean {
    return true;
  }

  override get slow(): boolean {
    return !this.cluster.databases.loaded;
  }

  override async children(): Promise<TreeNode[]> {
    // The cluster policy decides what each database inherits.
    const [, databases] = await Promise.allSettled([this.cluster.clusterPolicy.get(), this.cluster.databases.get()]);
    if (databases.status === 'rejected') {
      if (isCancellation(databases.reason)) throw databases.reason;
      return this.memo(databases.reason, () => [new ErrorNode(this.cluster, this, databases.reason)]);
    }
    const rows = databases.value;
    this.shown = this.memo(rows, () => (rows.length > 0
      ? rows.map((row) => new DatabaseNode(this.cluster, this, row))
      : [new InfoNode(this.cluster, this, 'empty', 'No databases')]));
    return this.shown;
  }

  /** The node already shown for a database, if any. */
  databaseNode(name: string): DatabaseNode | undefined {
    return this.shown.find((n): n is DatabaseNode => n instanceof DatabaseNode && n.name === name);
  }

  override invalidate(): void {
    this.cluster.refreshDatabases();
  }

  override async preload(): Promise<void> {
    await Promise.allSettled([this.cluster.clusterPolicy.get(), this.cluster.databases.get()]);
  }

  override cancel(): boolean {
    return this.cluster.databases.cancel();
  }
}
