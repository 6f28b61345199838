import type { ClusterTreeProvider } from '../views/clusterTree/clusterTreeProvider';
import type { Command } from './commandManager';
import { CommandIds } from './ids';
import { asNode } from './nodeArgs';

/** The inline Retry of an error node: reloads the node whose load failed. */
export class RetryCommand implements Command {
  readonly id = CommandIds.retry;
  constructor(private readonly tree: ClusterTreeProvider) {}

  execute(node?: unknown): Promise<void> {
    return this.tree.refresh(asNode(node));
  }
}
