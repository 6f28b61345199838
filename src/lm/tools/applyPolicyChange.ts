// kustoMi_applyPolicyChange: runs the `.alter-merge` command, after the user
// confirmed the exact command in chat (prepareInvocation), then shows the new
// policy in the Clusters view as the UI's own commands do.
import * as vscode from 'vscode';
import type { Ctx } from '../../ctx';
import type { ClusterTreeProvider } from '../../views/clusterTree/clusterTreeProvider';
import { describeLoadError } from '../../views/clusterTree/model/describeError';
import { toServiceJson } from '../../views/clusterTree/model/policyJson';
import { checkPolicyChange, type PolicyChangeInput } from '../policyChangeInput';
import { toolResult } from '../toolResult';

export class ApplyPolicyChangeTool implements vscode.LanguageModelTool<PolicyChangeInput> {
  static readonly id = 'kustoMi_applyPolicyChange';
  constructor(private readonly ctx: Ctx, private readonly tree: ClusterTreeProvider) {}

  prepareInvocation(options: vscode.LanguageModelToolInvocationPrepareOptions<PolicyChangeInput>): vscode.PreparedToolInvocation {
    const change = checkPolicyChange(this.tree, options.input);
    return {
      invocationMessage: `Changing the managed_identity policy of ${change.where}`,
      confirmationMessages: {
        title: 'Change a managed_identity policy?',
        message: new vscode.MarkdownString(`Allow ${options.input.usages.join(', ')} for ${options.input.identity} in the managed_identity policy of ${change.where}:\n\n\`\`\`kusto\n${change.command}\n\`\`\``),
      },
    };
  }

  async invoke(options: vscode.LanguageModelToolInvocationOptions<PolicyChangeInput>, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
    const change = checkPolicyChange(this.tree, options.input);
    const controller = new AbortController();
    const cancel = token.onCancellationRequested(() => controller.abort());
    try {
      const policy = await change.cluster.client().alterMergePolicy(change.target, change.entries, { signal: controller.signal });
      this.ctx.log.info(`${change.cluster.url}: ${change.command} (language-model tool)`);
      change.cluster.setPolicy(change.target, policy);
      this.tree.policyChanged(change.cluster.url, change.target);
      return toolResult(`Changed the managed_identity policy of ${change.where}. It is now:`, toServiceJson(policy));
    } catch (e) {
      return toolResult(`The change failed: ${describeLoadError(e).message}`);
    } finally {
      cancel.dispose();
    }
  }
}
