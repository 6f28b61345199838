import { removeEntry } from '../core/policy/edit';
import { matchesIdentity } from '../core/policy/evaluate';
import type { Ctx } from '../ctx';
import type { Prompts } from '../ui/prompts';
import type { ClusterTreeProvider } from '../views/clusterTree/clusterTreeProvider';
import { describeLoadError } from '../views/clusterTree/model/describeError';
import { PolicyEntryNode } from '../views/clusterTree/model/nodes/policyEntryNode';
import type { Command } from './commandManager';
import { CommandIds } from './ids';
import { confirmAndRun, readCurrentPolicy, replacementChange, type PolicyChangeOutcome } from './policyChange';

/** Removes an identity's whole entry from a policy (`.alter`; `.delete` when it was the last one). */
export class RemovePolicyEntryCommand implements Command {
  readonly id = CommandIds.removePolicyEntry;
  constructor(private readonly ctx: Ctx, private readonly tree: ClusterTreeProvider, private readonly prompts: Prompts) {}

  async execute(node?: unknown): Promise<PolicyChangeOutcome> {
    if (!(node instanceof PolicyEntryNode)) return 'cancelled';
    const { cluster, owner } = node;
    const ref = node.entry.ObjectId;
    const system = cluster.systemObjectId();
    const options = system ? { systemObjectId: system } : {};
    try {
      const current = await readCurrentPolicy(cluster, owner.target);
      if (!(current ?? []).some((e) => matchesIdentity(e, ref, options))) {
        this.tree.policyChanged(cluster.url, owner.target);
        this.prompts.info(`${node.displayName} is no longer in that policy.`);
        return 'unchanged';
      }
      const next = removeEntry(current, ref, options);
      const change = replacementChange(cluster, owner.target, next, `Remove ${node.displayName}`);
      return await confirmAndRun(change, { prompts: this.prompts, tree: this.tree, log: this.ctx.log });
    } catch (e) {
      this.prompts.error(describeLoadError(e).message);
      return 'failed';
    }
  }
}
