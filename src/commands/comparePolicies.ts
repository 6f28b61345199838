// Compare Policies with Cluster: VS Code's diff editor between the cluster's
// live policies and what the script would make of them, both as the export
// writes them, so only real differences show.
import * as vscode from 'vscode';
import { exportPolicyScript } from '../core/policyAsCode/exportScript';
import { policyDifferences } from '../core/policyAsCode/plan';
import type { Ctx } from '../ctx';
import { loadScriptPlan } from '../policyAsCode/scriptPlan';
import type { PolicyScriptDocuments } from '../policyAsCode/scriptDocuments';
import type { Prompts } from '../ui/prompts';
import type { ClusterTreeProvider } from '../views/clusterTree/clusterTreeProvider';
import type { Command } from './commandManager';
import { CommandIds } from './ids';

export interface CompareResult {
  readonly live: vscode.Uri;
  readonly file: vscode.Uri;
  /** Policies that differ. */
  readonly differences: number;
  /** Commands "Apply" would run. */
  readonly commands: number;
}

export class ComparePoliciesCommand implements Command {
  readonly id = CommandIds.comparePolicies;
  constructor(private readonly ctx: Ctx, private readonly tree: ClusterTreeProvider, private readonly prompts: Prompts,
    private readonly documents: PolicyScriptDocuments) {}

  async execute(arg?: unknown): Promise<CompareResult | undefined> {
    const loaded = await loadScriptPlan(arg, { ctx: this.ctx, tree: this.tree, prompts: this.prompts }, 'Compare managed_identity policies with');
    if (!loaded) return undefined;
    const { cluster, live, plan, document } = loaded;
    const base = document.uri.path.split('/').pop() ?? 'policies.kql';
    const host = new URL(cluster.url).host.replace(/[:]/g, '_');
    const left = this.documents.put('cluster', `${host}/${base}`, exportPolicyScript(live, { clusterUrl: cluster.url }));
    const right = this.documents.put('file', `${host}/${base}`, exportPolicyScript(plan.desired, { clusterUrl: cluster.url, namesFrom: live }));
    const differences = policyDifferences(live, plan.desired).length;
    await vscode.commands.executeCommand('vscode.diff', left, right, `${cluster.label} ↔ ${base} (managed_identity)`, { preview: true });
    if (differences === 0) this.prompts.info(`The policies in ${base} match ${cluster.label}.`);
    return { live: left, file: right, differences, commands: plan.steps.length };
  }
}
