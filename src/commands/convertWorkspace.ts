// "Convert SAS URIs to managed identity in workspace": one WorkspaceEdit for
// every rewritable SAS or account-key URI in the workspace, shown in the
// refactor preview before anything changes. The edits are computed from the
// files' bytes (conversionPlan.ts); open documents are read from the editor,
// so unsaved changes are neither lost nor ignored. After Apply, a summary says
// what was rewritten and which files were skipped, and why.
import * as vscode from 'vscode';
import { isExcluded } from '../config/exclude';
import type { KnownIdentity } from '../core/identity';
import { formatMegabytes, MAX_FILE_BYTES } from '../core/sizeLimit';
import type { Ctx } from '../ctx';
import { identityLabel, type IdentityRegistry } from '../identities/identityRegistry';
import type { Prompts } from '../ui/prompts';
import type { Command } from './commandManager';
import { changedOnDisk, planConversion, rewritesOf, type ConversionPlan, type PlannedFile, type SkipReason } from './conversionPlan';
import { CommandIds } from './ids';

const SKIP_FOLDERS = '{**/node_modules/**,**/.git/**,**/dist/**,**/out/**,**/bin/**,**/obj/**}';

/** The label of the one row of the preview that is not a rewrite. */
export const PREVIEW_MARKER_LABEL = 'ⓘ Not a rewrite: this row only opens the preview and changes nothing. The rewrites are the ticked rows.';

interface IdentityPick extends vscode.QuickPickItem {
  readonly identity?: KnownIdentity;
}

export class ConvertWorkspaceCommand implements Command {
  readonly id = CommandIds.convertWorkspace;
  constructor(private readonly ctx: Ctx, private readonly identities: IdentityRegistry, private readonly prompts?: Prompts) {}

  async execute(identityArg?: unknown): Promise<number> {
    const identity = typeof identityArg === 'string' ? this.resolve(identityArg) : await this.pickIdentity();
    if (identity === undefined) return 0;
    const plan = await vscode.window.withProgress({
      location: vscode.ProgressLocation.Notification,
      title: 'Finding SAS URIs in the workspace',
      cancellable: true,
    }, (progress, token) => this.plan(identity, progress, token));
    if (!plan) return 0;
    // A file changed on disk since it was read would get edits meant for other text.
    const changed = await changedOnDisk(plan);
    const files = plan.files.filter((f) => !changed.has(f.uri.toString()));
    const skipped = [...plan.skipped, ...plan.files.filter((f) => changed.has(f.uri.toString())).map((f) => ({ uri: f.uri, reason: 'changed on disk' as const }))];
    if (files.length === 0) {
      this.info(['No SAS or account-key URI that can be rewritten was found in the workspace.', this.skippedSentence(skipped)].filter(Boolean).join(' '));
      return 0;
    }
    // Resolves false when the user discards the preview.
    if (!(await vscode.workspace.applyEdit(this.toEdit(files)))) return 0;
    // The user may have unticked rewrites in the preview: count what the files hold now.
    let rewrites = 0;
    let rewritten = 0;
    for (const f of files) {
      const remaining = rewritesOf(await currentText(f.uri), identity).length;
      const done = Math.max(0, f.edits.length - remaining);
      rewrites += done;
      if (done > 0) rewritten++;
    }
    const target = identity ? identityLabel(identity) : 'the system-assigned managed identity';
    this.info([`Rewrote ${plural(rewrites, 'URI')} in ${plural(rewritten, 'file')} to use ${target}.`, this.skippedSentence(skipped)].filter(Boolean).join(' '));
    return rewrites;
  }

  private info(message: string): void {
    this.ctx.log.info(message);
    if (this.prompts) this.prompts.info(message);
    else void vscode.window.showInformationMessage(message);
  }

  /** "Skipped 3 files: 1 read-only (a.cs), 2 too large (over 5.0 MB: b.json, c.json)." */
  private skippedSentence(skipped: readonly { uri: vscode.Uri; reason: SkipReason }[]): string {
    if (skipped.length === 0) return '';
    const byReason = new Map<SkipReason, string[]>();
    for (const s of skipped) {
      const names = byReason.get(s.reason) ?? [];
      names.push(vscode.workspace.asRelativePath(s.uri));
      byReason.set(s.reason, names);
      this.ctx.log.info(`Workspace conversion skipped ${s.uri.fsPath}: ${s.reason}.`);
    }
    const parts = [...byReason].map(([reason, names]) => {
      const shown = names.slice(0, 3).join(', ') + (names.length > 3 ? ` and ${names.length - 3} more` : '');
      const why = reason === 'too large' ? `too large (over ${formatMegabytes(MAX_FILE_BYTES)})` : reason;
      return `${names.length} ${why}: ${shown}`;
    });
    return `Skipped ${plural(skipped.length, 'file')}: ${parts.join('; ')}.`;
  }

  private toEdit(files: readonly PlannedFile[]): vscode.WorkspaceEdit {
    const edit = new vscode.WorkspaceEdit();
    for (const f of files) {
      const metadata = { label: f.label, description: vscode.workspace.asRelativePath(f.uri), needsConfirmation: false };
      for (const e of f.edits) edit.replace(f.uri, e.range, e.newText, metadata);
    }
    // VS Code opens the refactor preview only when some edit needs confirmation,
    // and shows such edits unticked. One empty marker edit opens the preview
    // while every real rewrite starts ticked; its label says it is no rewrite.
    edit.replace((files[0] as PlannedFile).uri, new vscode.Range(0, 0, 0, 0), '', {
      label: PREVIEW_MARKER_LABEL,
      description: 'opens this preview',
      needsConfirmation: true,
    });
    return edit;
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

  private async plan(identity: KnownIdentity | null, progress: vscode.Progress<{ message?: string }>, token: vscode.CancellationToken): Promise<ConversionPlan | undefined> {
    const found = await vscode.workspace.findFiles('**/*', SKIP_FOLDERS, undefined, token);
    const files = found.filter((uri) => !isExcluded(this.ctx.config, uri));
    return planConversion(files, identity, (done) => progress.report({ message: `${done} of ${files.length} files` }), token);
  }
}

function plural(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

/** The file's text now: the editor's when VS Code holds it, else the disk's. */
async function currentText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri).then((b) => b, () => new Uint8Array()));
}
