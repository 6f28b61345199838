// Apply Policies to Cluster: runs only the script's commands that change
// something, in file order, each shown first in the same modal confirmation
// as every other policy change. Stops at the first one not run.
import * as vscode from 'vscode';
import { describeTarget, type PolicyEntry } from '../core/policy/model';
import type { PlannedStep } from '../core/policyAsCode/plan';
import type { Ctx } from '../ctx';
import { loadScriptPlan } from '../policyAsCode/scriptPlan';
import type { Prompts } from '../ui/prompts';
import type { ClusterTreeProvider } from '../views/clusterTree/clusterTreeProvider';
import type { ClusterModel } from '../views/clusterTree/model/clusterModel';
import type { Command } from './commandManager';
import { CommandIds } from './ids';
import { confirmAndRun, type PolicyChange, type PolicyChangeOutcome } from './policyChange';

export interface ApplyResult {
  /** Commands that differed from the cluster. */
  readonly planned: number;
  readonly ran: number;
  /** How the last confirmation ended ('ran' when all did; 'unchanged' when nothing differed). */
  readonly outcome: PolicyChangeOutcome;
}

export class ApplyPoliciesCommand implements Command {
  readonly id = CommandIds.applyPolicies;
  constructor(private readonly ctx: Ctx, private readonly tree: ClusterTreeProvider, private readonly prompts: Prompts) {}

  async execute(arg?: unknown): Promise<ApplyResult | undefined> {
    const loaded = await loadScriptPlan(arg, { ctx: this.ctx, tree: this.tree, prompts: this.prompts }, 'Apply managed_identity policies to');
    if (!loaded) return undefined;
    const { cluster, plan, document } = loaded;
    const name = vscode.workspace.asRelativePath(document.uri);
    if (plan.steps.length === 0) {
      this.prompts.info(`The policies in ${name} already match ${cluster.label}: nothing to apply.`);
      return { planned: 0, ran: 0, outcome: 'unchanged' };
    }
    let ran = 0;
    for (const [i, step] of plan.steps.entries()) {
      const outcome = await confirmAndRun(stepChange(cluster, step, `${i + 1} of ${plan.steps.length}`, name), { prompts: this.prompts, tree: this.tree, log: this.ctx.log });
      if (outcome !== 'ran') return { planned: plan.steps.length, ran, outcome };
      ran++;
    }
    return { planned: plan.steps.length, ran, outcome: 'ran' };
  }
}

function stepChange(cluster: ClusterModel, step: PlannedStep, counter: string, file: string): PolicyChange {
  const { statement } = step;
  const where = describeTarget(statement.target);
  const verb = statement.kind === 'delete' ? 'Delete' : statement.kind === 'alter' ? 'Replace' : 'Add to';
  return {
    cluster,
    target: statement.target,
    question: `${verb} the managed_identity policy of ${where} on ${cluster.label}, as line ${statement.line} of ${file} says? (${counter})`,
    command: step.command,
    done: `Applied line ${statement.line} of ${file} to ${where}.`,
    run: async (client, signal): Promise<PolicyEntry[] | null> => {
      if (statement.kind === 'delete') {
        await client.deletePolicy(statement.target, { signal });
        return null;
      }
      return statement.kind === 'alter'
        ? client.alterPolicy(statement.target, statement.entries, { signal })
        : client.alterMergePolicy(statement.target, statement.entries, { signal });
    },
  };
}
