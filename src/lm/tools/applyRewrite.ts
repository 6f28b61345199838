// kustoMi_applyRewrite: applies the proposed managed-identity rewrite to the
// files, after the user confirms in chat (prepareInvocation). Open editors get
// the edit (undoable); nothing is saved.
import * as vscode from 'vscode';
import type { Ctx } from '../../ctx';
import { proposeRewrites, type RewriteInput } from '../rewriteProposal';
import { toolResult } from '../toolResult';

export class ApplyRewriteTool implements vscode.LanguageModelTool<RewriteInput> {
  static readonly id = 'kustoMi_applyRewrite';
  constructor(private readonly ctx: Ctx) {}

  async prepareInvocation(options: vscode.LanguageModelToolInvocationPrepareOptions<RewriteInput>, token: vscode.CancellationToken): Promise<vscode.PreparedToolInvocation> {
    const rewrites = await proposeRewrites(this.ctx, options.input, token);
    const count = rewrites.reduce((n, r) => n + r.edits.length, 0);
    const lines = rewrites.flatMap((r) => r.described.map((d) => `- ${vscode.workspace.asRelativePath(r.uri)}:${d.line} → \`${d.replacement}\``));
    return {
      invocationMessage: `Rewriting ${count} credential(s) to managed identity`,
      confirmationMessages: {
        title: 'Rewrite to managed identity?',
        message: new vscode.MarkdownString(`Replace ${count} SAS URI(s) or account key(s) in ${rewrites.length} file(s) with \`;managed_identity=${options.input.identity ?? 'system'}\`:\n\n${lines.join('\n')}`),
      },
    };
  }

  async invoke(options: vscode.LanguageModelToolInvocationOptions<RewriteInput>, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
    const rewrites = await proposeRewrites(this.ctx, options.input, token);
    if (rewrites.length === 0) return toolResult('Nothing to rewrite.');
    const edit = new vscode.WorkspaceEdit();
    for (const r of rewrites) {
      const document = await vscode.workspace.openTextDocument(r.uri);
      for (const e of r.edits) edit.replace(r.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
    }
    const applied = await vscode.workspace.applyEdit(edit);
    const count = rewrites.reduce((n, r) => n + r.edits.length, 0);
    this.ctx.log.info(`Language-model tool: rewrote ${applied ? count : 0} credential(s) to managed identity`);
    return toolResult(applied
      ? `Rewrote ${count} credential(s) in ${rewrites.length} file(s) (unsaved; undo with Ctrl+Z).`
      : 'The edit was not applied.', rewrites.map((r) => vscode.workspace.asRelativePath(r.uri)));
  }
}
