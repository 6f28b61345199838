// Export Policies as KQL: the cluster's and every database's managed_identity
// policy, read afresh, written to one `.kql` file the user picks, then opened.
import * as vscode from 'vscode';
import { exportPolicyScript } from '../core/policyAsCode/exportScript';
import type { Ctx } from '../ctx';
import { readLivePolicies } from '../policyAsCode/livePolicies';
import { pickClusterFor } from '../policyAsCode/pickCluster';
import type { Prompts } from '../ui/prompts';
import type { ClusterTreeProvider } from '../views/clusterTree/clusterTreeProvider';
import { describeLoadError } from '../views/clusterTree/model/describeError';
import { ClusterNode } from '../views/clusterTree/model/nodes/clusterNode';
import type { Command } from './commandManager';
import { CommandIds } from './ids';

export class ExportPoliciesCommand implements Command {
  readonly id = CommandIds.exportPolicies;
  constructor(private readonly ctx: Ctx, private readonly tree: ClusterTreeProvider, private readonly prompts: Prompts) {}

  /** Resolves to the file written, undefined when cancelled or failed. */
  async execute(node?: unknown): Promise<vscode.Uri | undefined> {
    const cluster = node instanceof ClusterNode ? node.cluster : await pickClusterFor(undefined, this.tree, this.prompts, 'Export managed_identity policies');
    if (!cluster) return undefined;
    let script: string;
    try {
      script = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Reading the managed_identity policies of ${cluster.label}` },
        async () => exportPolicyScript(await readLivePolicies(cluster.client(), this.ctx.config.maxParallelRequests), { clusterUrl: cluster.url }));
    } catch (e) {
      const message = describeLoadError(e).message;
      this.ctx.log.error(`${cluster.url}: export of the policies failed: ${message}`);
      this.prompts.error(`Could not export the policies of ${cluster.label}: ${message}`);
      return undefined;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const fileName = `${new URL(cluster.url).hostname.split('.')[0] || 'cluster'}.managed_identity.kql`;
    const target = await this.prompts.saveAs({
      title: 'Export managed_identity policies',
      saveLabel: 'Export',
      filters: { KQL: ['kql'] },
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, fileName) } : {}),
    });
    if (!target) return undefined;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(script));
    this.ctx.log.info(`${cluster.url}: exported the managed_identity policies to ${target.toString(true)}`);
    await vscode.window.showTextDocument(target, { preview: false });
    return target;
  }
}
