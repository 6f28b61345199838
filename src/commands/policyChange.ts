// The one flow every policy change goes through: show the exact command in a
// modal confirmation, then run it (or open it as KQL instead), record the
// policy the cluster answered with, and re-render what it changes.
import * as vscode from 'vscode';
import type { ManagedIdentityPolicyApi } from '../clients/kusto/api';
import { alterPolicyCommand, deletePolicyCommand } from '../core/kql/commands';
import { toPolicyInputs } from '../core/policy/edit';
import { describeTarget, type PolicyEntry, type PolicyTarget } from '../core/policy/model';
import type { Logger } from '../log';
import type { Prompts } from '../ui/prompts';
import type { ClusterTreeProvider } from '../views/clusterTree/clusterTreeProvider';
import type { ClusterModel } from '../views/clusterTree/model/clusterModel';
import { describeLoadError } from '../views/clusterTree/model/describeError';

export const RUN = 'Run';
export const OPEN_AS_KQL = 'Open as KQL';

export type PolicyChangeOutcome = 'ran' | 'opened' | 'cancelled' | 'failed' | 'unchanged';

export interface PolicyChange {
  readonly cluster: ClusterModel;
  readonly target: PolicyTarget;
  /** The confirmation's question. */
  readonly question: string;
  /** The exact command text, built by core/kql/commands.ts. */
  readonly command: string;
  readonly done: string;
  /** Runs the same command through the client; resolves to the policy as it is afterwards. */
  run(client: ManagedIdentityPolicyApi, signal: AbortSignal): Promise<PolicyEntry[] | null>;
}

export interface PolicyChangeDeps {
  readonly prompts: Prompts;
  readonly tree: ClusterTreeProvider;
  readonly log: Logger;
}

export async function confirmAndRun(change: PolicyChange, deps: PolicyChangeDeps): Promise<PolicyChangeOutcome> {
  const choice = await deps.prompts.confirm(change.question, change.command, [RUN, OPEN_AS_KQL]);
  if (choice === OPEN_AS_KQL) {
    const document = await vscode.workspace.openTextDocument({ language: 'kusto', content: `${change.command}\n` });
    await vscode.window.showTextDocument(document);
    return 'opened';
  }
  if (choice !== RUN) return 'cancelled';
  try {
    const policy = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Changing the managed_identity policy of ${describeTarget(change.target)}`, cancellable: true },
      (_progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        return change.run(change.cluster.client(), controller.signal);
      });
    deps.log.info(`${change.cluster.url}: ${change.command}`);
    change.cluster.setPolicy(change.target, policy);
    deps.tree.policyChanged(change.cluster.url, change.target);
    deps.prompts.info(change.done);
    return 'ran';
  } catch (e) {
    // A 403 already explains that this needs All Database Admin (the client's words).
    const message = describeLoadError(e).message;
    deps.log.error(`${change.cluster.url}: ${change.command.split(' ', 1)[0]} failed: ${message}`);
    deps.prompts.error(message);
    return 'failed';
  }
}

/** The policy as it is now on the cluster (not the tree's copy): a replacement must not undo someone else's change. */
export async function readCurrentPolicy(cluster: ClusterModel, target: PolicyTarget): Promise<PolicyEntry[] | null> {
  const client = cluster.client();
  const policy = target.kind === 'cluster' ? await client.getClusterPolicy() : await client.getDatabasePolicy(target.database);
  cluster.setPolicy(target, policy);
  return policy;
}

/** `.alter` with what is left, or `.delete` when nothing is. */
export function replacementChange(cluster: ClusterModel, target: PolicyTarget, next: readonly PolicyEntry[], what: string): PolicyChange {
  const where = describeTarget(target);
  if (next.length === 0) {
    return {
      cluster, target,
      question: `${what} from the managed_identity policy of ${where}? Nothing else is left in it, so the policy will be deleted.`,
      command: deletePolicyCommand(target),
      done: `Deleted the managed_identity policy of ${where}.`,
      run: async (client, signal) => {
        await client.deletePolicy(target, { signal });
        return null;
      },
    };
  }
  const inputs = toPolicyInputs(next);
  return {
    cluster, target,
    question: `${what} from the managed_identity policy of ${where}?`,
    command: alterPolicyCommand(target, inputs),
    done: `Changed the managed_identity policy of ${where}.`,
    run: (client, signal) => client.alterPolicy(target, inputs, { signal }),
  };
}
