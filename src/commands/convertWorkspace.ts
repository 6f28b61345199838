// "Convert SAS URIs to managed identity in workspace": one WorkspaceEdit for
// every rewritable SAS or account-key URI in the workspace, shown in the
// refactor preview before anything changes. Open documents are read from the
// editor, so unsaved changes are neither lost nor ignored.
import * as vscode from 'vscode';
import { isExcluded } from '../config/exclude';
import type { FindingFix } from '../core/findings';
import type { KnownIdentity } from '../core/identity';
import { analyzeText } from '../core/scan/analyzeText';
import type { Ctx } from '../ctx';
import { identityLabel, type IdentityRegistry } from '../identities/identityRegistry';
import { MAX_DOCUMENT_CHARS } from '../providers/diagnostics/documentAnalysis';
import type { Command } from './commandManager';
import { CommandIds } from './ids';

const SKIP_FOLDERS = '{**/node_modules/**,**/.git/**,**/dist/**,**/out/**,**/bin/**,**/obj/**}';

interface IdentityPick extends vscode.QuickPickItem {
  readonly identity?: KnownIdentity;
}

export class ConvertWorkspaceCommand implements Command {
  readonly id = CommandIds.convertWorkspace;
  constructor(private readonly ctx: Ctx, private readonly identities: IdentityRegistry) {}

  async execute(identityArg?: unknown): Promise<number> {
    const identity = typeof identityArg === 'string' ? this.resolve(identityArg) : await this.pickIdentity();
    if (identity === undefined) return 0;
    const edit = await vscode.window.withProgress({
      location: vscode.ProgressLocation.Notification,
      title: 'Finding SAS URIs in the workspace',
      cancellable: true,
    }, (progress, token) => this.buildEdit(identity, progress, token));
    if (!edit) return 0;
    if (edit.size === 0) {
      void vscode.window.showInformationMessage('No SAS or account-key URI that can be rewritten was found in the workspace.');
      return 0;
    }
    const count = edit.entries().reduce((n, [, edits]) => n + edits.length, 0) - 1;
    // Resolves false when the user discards the preview.
    return (await vscode.workspace.applyEdit(edit)) ? count : 0;
  }

  /** `system`, or the object id of a known or typed identity. */
  private resolve(value: string): KnownIdentity | null {
    if (value.toLowerCase() === 'system') return null;
    return this.identities.find(value) ?? { objectId: value };
  }

  /** null = system-assigned; undefined = cancelled. */
  private async pickIdentity(): Promise<KnownIdentity | null | undefined> {
    const items: IdentityPick[] = [
      { label: '$(server-environment) System-assigned managed identity', description: ';managed_identity=system' },
      ...this.identities.all().map((identity) => ({ label: `$(key) ${identityLabel(identity)}`, description: identity.cluster, identity })),
    ];
    const pick = await vscode.window.showQuickPick(items, { title: 'Rewrite SAS URIs to use which managed identity?' });
    if (!pick) return undefined;
    // The cluster's system identity is written as `system` (quick fixes never offer it by object id).
    return pick.identity?.kind === 'system' ? null : pick.identity ?? null;
  }

  private async buildEdit(identity: KnownIdentity | null, progress: vscode.Progress<{ message?: string }>, token: vscode.CancellationToken): Promise<vscode.WorkspaceEdit | undefined> {
    const files = await vscode.workspace.findFiles('**/*', SKIP_FOLDERS, undefined, token);
    const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    const edit = new vscode.WorkspaceEdit();
    let done = 0;
    for (const uri of files) {
      if (token.isCancellationRequested) return undefined;
      if (++done % 50 === 0) progress.report({ message: `${done} of ${files.length} files` });
      if (isExcluded(this.ctx.config, uri)) continue;
      const document = open.get(uri.toString());
      const text = document ? document.getText() : await readText(uri);
      if (text === undefined || !text.includes('.')) continue;
      const findings = analyzeText(text, { identities: identity ? [identity] : [] });
      for (const finding of findings) {
        // Fixes are [system, ...the identities passed in]: take the one asked for.
        const fix: FindingFix | undefined = finding.fixes[identity ? 1 : 0];
        if (!fix) continue;
        const doc = document ?? await vscode.workspace.openTextDocument(uri);
        for (const e of fix.edits) {
          edit.replace(uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.newText, {
            label: fix.title,
            description: vscode.workspace.asRelativePath(uri),
            needsConfirmation: false,
          });
        }
      }
    }
    const [first] = edit.entries();
    if (first) {
      // VS Code opens the refactor preview only when some edit needs confirmation,
      // and shows such edits unticked. One empty marker edit opens the preview
      // while every real rewrite starts ticked, ready to review and apply.
      edit.replace(first[0], new vscode.Range(0, 0, 0, 0), '', {
        label: 'Review the rewrites above, then Apply',
        needsConfirmation: true,
      });
    }
    return edit;
  }
}

/** The file's text, or undefined for binary and oversized files. */
async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.size > MAX_DOCUMENT_CHARS) return undefined;
  const bytes = await vscode.workspace.fs.readFile(uri);
  if (bytes.subarray(0, 8000).includes(0)) return undefined;
  return new TextDecoder().decode(bytes);
}
