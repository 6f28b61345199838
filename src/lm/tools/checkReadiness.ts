// kustoMi_checkReadiness: the readiness steps (URI, identity, policy, role,
// size, storage firewall, ...) for one blob, cluster, database and identity,
// as the report shows them. Fixes are described, never applied.
import type * as vscode from 'vscode';
import type { Ctx } from '../../ctx';
import { checkReadiness } from '../../readiness/core/checkReadiness';
import { editorServices } from '../../readiness/editor/services';
import type { ClusterTreeProvider } from '../../views/clusterTree/clusterTreeProvider';
import { resolveCluster } from '../resolveCluster';
import { toolResult, ToolInputError, uriWithoutCredentials } from '../toolResult';

export interface CheckReadinessInput {
  readonly blobUri: string;
  readonly cluster?: string;
  readonly database: string;
  /** `system` or an object id, when the URI names none. */
  readonly identity?: string;
}

export class CheckReadinessTool implements vscode.LanguageModelTool<CheckReadinessInput> {
  static readonly id = 'kustoMi_checkReadiness';
  constructor(private readonly ctx: Ctx, private readonly tree: ClusterTreeProvider) {}

  prepareInvocation(options: vscode.LanguageModelToolInvocationPrepareOptions<CheckReadinessInput>): vscode.PreparedToolInvocation {
    return { invocationMessage: `Checking managed-identity ingestion readiness of ${uriWithoutCredentials(options.input.blobUri ?? '')}` };
  }

  async invoke(options: vscode.LanguageModelToolInvocationOptions<CheckReadinessInput>, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
    const { blobUri, database, identity } = options.input;
    if (!blobUri || !database) throw new ToolInputError('Give blobUri and database.');
    const cluster = resolveCluster(this.tree, options.input.cluster);
    const controller = new AbortController();
    const cancel = token.onCancellationRequested(() => controller.abort());
    try {
      const report = await checkReadiness({
        blobUri, clusterUrl: cluster.url, database, signal: controller.signal,
        ...(identity ? { identity } : {}),
        ...(cluster.source.resourceId ? { clusterResourceId: cluster.source.resourceId } : {}),
      }, editorServices(this.ctx, this.tree, cluster));
      const failed = report.steps.filter((s) => s.verdict === 'fail').length;
      return toolResult(
        report.ready ? 'Ready: every step passed.' : `Not ready: ${failed} step(s) failed, ${report.steps.filter((s) => s.verdict === 'unknown').length} could not be checked.`,
        {
          blob: uriWithoutCredentials(report.blobUri),
          cluster: report.clusterUrl,
          database: report.database,
          identity: report.identity.label,
          steps: report.steps.map((s) => ({
            step: s.title, verdict: s.verdict, summary: s.summary,
            ...(s.reason ? { reason: s.reason } : {}),
            ...(s.evidence.length ? { evidence: Object.fromEntries(s.evidence.map((e) => [e.label, e.value])) } : {}),
            ...(s.fix ? { fix: s.fix.kind === 'grantUsage' ? `${s.fix.title}: ${s.fix.command}` : s.fix.title } : {}),
          })),
        });
    } finally {
      cancel.dispose();
    }
  }
}
