import { removeUsage } from '../core/policy/edit';
import { matchesIdentity } from '../core/policy/evaluate';
import type { Ctx } from '../ctx';
import type { Prompts } from '../ui/prompts';
import type { ClusterTreeProvider } from '../views/clusterTree/clusterTreeProvider';
import { describeLoadError } from '../views/clusterTree/model/describeError';
import { UsageNode } from '../views/clusterTree/model/nodes/usageNode';
import type { Command } from './commandManager';
import { CommandIds } from './ids';
import { confirmAndRun, readCurrentPolicy, replacementChange, type PolicyChangeOutcome } from './policyChange';

/** Removes one usage from an identity's entry (`.alter`; `.delete` when it was the last one). */
export class RemoveUsageCommand implements Command {
  readonly id = CommandIds.removeUsage;
  constructor(private readonly ctx: Ctx, private readonly tree: ClusterTreeProvider, private readonly prompts: Prompts) {}

  async execute(node?: unknown): Promise<PolicyChangeOutcome> {
    if (!(node instanceof UsageNode)) return 'cancelled';
    const { cluster } = node;
    const owner = node.entryNode.owner;
    const ref = node.entryNode.entry.ObjectId;
    const system = cluster.systemObjectId();
    const options = system ? { systemObjectId: system } : {};
    try {
      const current = await readCurrentPolicy(cluster, owner.target);
      const wanted = node.usage.toLowerCase();
      if (!(current ?? []).some((e) => matchesIdentity(e, ref, options) && e.AllowedUsages.some((u) => u.toLowerCase() === wanted))) {
        this.tree.policyChanged(cluster.url, owner.target);
        this.prompts.info(`${node.entryNode.displayName} no longer has ${node.usage} there.`);
        return 'unchanged';
      }
      const next = removeUsage(current, ref, node.usage, options);
      const change = replacementChange(cluster, owner.target, next, `Remove ${node.usage} for ${node.entryNode.displayName}`);
      return await confirmAndRun(change, { prompts: this.prompts, tree: this.tree, log: this.ctx.log });
    } catch (e) {
      this.prompts.error(describeLoadError(e).message);
      return 'failed';
    }
  }
}
