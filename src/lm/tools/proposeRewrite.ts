// kustoMi_proposeRewrite: the managed-identity form of each rewritable SAS
// URI or account key, as edits the agent can show; nothing is changed.
import * as vscode from 'vscode';
import type { Ctx } from '../../ctx';
import { proposeRewrites, type RewriteInput } from '../rewriteProposal';
import { toolResult } from '../toolResult';

export class ProposeRewriteTool implements vscode.LanguageModelTool<RewriteInput> {
  static readonly id = 'kustoMi_proposeRewrite';
  constructor(private readonly ctx: Ctx) {}

  prepareInvocation(options: vscode.LanguageModelToolInvocationPrepareOptions<RewriteInput>): vscode.PreparedToolInvocation {
    return { invocationMessage: `Proposing the managed-identity rewrite of ${options.input.file ?? 'the workspace'}` };
  }

  async invoke(options: vscode.LanguageModelToolInvocationOptions<RewriteInput>, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
    const rewrites = await proposeRewrites(this.ctx, options.input, token);
    if (rewrites.length === 0) return toolResult('Nothing to rewrite: no SAS URI or account key with a managed-identity rewrite was found.');
    const count = rewrites.reduce((n, r) => n + r.edits.length, 0);
    return toolResult(
      `Proposed (not applied): ${count} rewrite(s) in ${rewrites.length} file(s). Each replaces a credential with ;managed_identity=. ` +
      'The cluster\'s identity also needs NativeIngestion in its managed_identity policy and Storage Blob Data Reader on the account ' +
      '(kustoMi_checkReadiness checks both). kustoMi_applyRewrite applies these after the user confirms.',
      rewrites.map((r) => ({ file: vscode.workspace.asRelativePath(r.uri), rewrites: r.described })));
  }
}
