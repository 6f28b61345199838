// What Compare and Apply share: the script (the editor's text, saved or not),
// the cluster it is about, the live policies, and the plan over them. A script
// with a command that cannot be read exactly is refused with its lines.
import * as vscode from 'vscode';
import { parsePolicyScript, type ParsedPolicyScript } from '../core/policyAsCode/parseScript';
import { planPolicyScript, type PolicyPlan } from '../core/policyAsCode/plan';
import type { ClusterPolicyState } from '../core/policyAsCode/state';
import type { Ctx } from '../ctx';
import type { Prompts } from '../ui/prompts';
import type { ClusterTreeProvider } from '../views/clusterTree/clusterTreeProvider';
import type { ClusterModel } from '../views/clusterTree/model/clusterModel';
import { describeLoadError } from '../views/clusterTree/model/describeError';
import { readLivePolicies } from './livePolicies';
import { pickClusterFor } from './pickCluster';

export interface ScriptPlan {
  readonly document: vscode.TextDocument;
  readonly cluster: ClusterModel;
  readonly parsed: ParsedPolicyScript;
  readonly live: ClusterPolicyState;
  readonly plan: PolicyPlan;
}

export interface ScriptPlanDeps {
  readonly ctx: Ctx;
  readonly tree: ClusterTreeProvider;
  readonly prompts: Prompts;
}

/** The script at `arg` (a Uri from a menu) or in the active editor. */
export async function scriptDocument(arg: unknown, prompts: Prompts): Promise<vscode.TextDocument | undefined> {
  if (arg instanceof vscode.Uri) return vscode.workspace.openTextDocument(arg);
  const active = vscode.window.activeTextEditor?.document;
  if (active) return active;
  prompts.error('Open a .kql file with managed_identity policy commands first.');
  return undefined;
}

export async function loadScriptPlan(arg: unknown, deps: ScriptPlanDeps, title: string): Promise<ScriptPlan | undefined> {
  const document = await scriptDocument(arg, deps.prompts);
  if (!document) return undefined;
  const parsed = parsePolicyScript(document.getText());
  const name = vscode.workspace.asRelativePath(document.uri);
  if (parsed.problems.length > 0) {
    deps.prompts.error(`${name} has policy commands that cannot be read: ${describeProblems(parsed.problems)}`);
    return undefined;
  }
  if (parsed.statements.length === 0) {
    deps.prompts.error(`${name} has no managed_identity policy commands (.alter, .alter-merge or .delete ... policy managed_identity).`);
    return undefined;
  }
  const cluster = await pickClusterFor(parsed.clusterUrl, deps.tree, deps.prompts, title);
  if (!cluster) return undefined;
  let live: ClusterPolicyState;
  try {
    live = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Reading the managed_identity policies of ${cluster.label}` },
      () => readLivePolicies(cluster.client(), deps.ctx.config.maxParallelRequests));
  } catch (e) {
    deps.prompts.error(`Could not read the policies of ${cluster.label}: ${describeLoadError(e).message}`);
    return undefined;
  }
  const plan = planPolicyScript(live, parsed.statements);
  if (plan.problems.length > 0) {
    deps.prompts.error(`${name} cannot be applied to ${cluster.label}: ${describeProblems(plan.problems)}`);
    return undefined;
  }
  return { document, cluster, parsed, live, plan };
}

function describeProblems(problems: readonly { line: number; message: string }[]): string {
  const shown = problems.slice(0, 3).map((p) => `line ${p.line}: ${p.message}`);
  if (problems.length > 3) shown.push(`and ${problems.length - 3} more`);
  return shown.join('; ');
}
