// kustoMi_listPolicies: each configured cluster's identities and its cluster
// and database managed_identity policies, in the CLI's JSON shape.
import type * as vscode from 'vscode';
import { formatJson } from '../../cli/policies/formatJson';
import { readPolicies } from '../../cli/policies/readPolicies';
import type { Ctx } from '../../ctx';
import type { ClusterTreeProvider } from '../../views/clusterTree/clusterTreeProvider';
import { describeLoadError } from '../../views/clusterTree/model/describeError';
import { clusters, resolveCluster } from '../resolveCluster';
import { toolResult } from '../toolResult';

export interface ListPoliciesInput {
  /** A cluster URL or name; all configured clusters when absent. */
  readonly cluster?: string;
}

export class ListPoliciesTool implements vscode.LanguageModelTool<ListPoliciesInput> {
  static readonly id = 'kustoMi_listPolicies';
  constructor(private readonly ctx: Ctx, private readonly tree: ClusterTreeProvider) {}

  prepareInvocation(options: vscode.LanguageModelToolInvocationPrepareOptions<ListPoliciesInput>): vscode.PreparedToolInvocation {
    return { invocationMessage: `Reading the managed_identity policies of ${options.input.cluster ?? 'the configured clusters'}` };
  }

  async invoke(options: vscode.LanguageModelToolInvocationOptions<ListPoliciesInput>): Promise<vscode.LanguageModelToolResult> {
    const targets = options.input.cluster ? [resolveCluster(this.tree, options.input.cluster)] : clusters(this.tree);
    if (targets.length === 0) return toolResult('No cluster is configured: add one with "Kusto MI: Add Cluster…" (setting kustoMi.clusters).');
    const results = await Promise.all(targets.map(async (cluster) => {
      try {
        const report = await readPolicies(cluster.client(), { concurrency: this.ctx.config.maxParallelRequests });
        return { name: cluster.label, ...(JSON.parse(formatJson(report)) as object) };
      } catch (e) {
        return { name: cluster.label, cluster: cluster.url, error: describeLoadError(e).message };
      }
    }));
    return toolResult(
      `managed_identity policies of ${results.length} cluster(s). AllowedUsages is a comma-separated list; a database policy adds to the cluster policy; [] means no policy.`,
      results);
  }
}
