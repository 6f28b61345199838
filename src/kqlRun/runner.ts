// Runs one block of a KQL file against the file's database through the
// extension's Kusto client: state-changing commands are confirmed first with
// the tree's modal (showing the exact command and target), the run can be
// cancelled from its progress notification, the result table opens in the
// results view, and a managed_identity policy change refreshes the Clusters view.
import * as vscode from 'vscode';
import { blockAt, codeBlocks } from '../core/kql/codeBlocks';
import { bindingLabel } from '../core/kql/bindingHeader';
import { changedPolicyTarget, changesState } from '../core/kql/runnable';
import type { Ctx } from '../ctx';
import { describeError } from '../log';
import type { SchemaBindings } from '../providers/kql/schemaBinding';
import type { Prompts } from '../ui/prompts';
import { Disposable } from '../util/dispose';
import type { ClusterTreeProvider } from '../views/clusterTree/clusterTreeProvider';
import { ResultsPanel } from './resultsPanel';

export const RUN_ACTION = 'Run';

export class KqlRunner extends Disposable {
  readonly results = this._register(new ResultsPanel());

  constructor(private readonly ctx: Ctx, private readonly bindings: SchemaBindings, private readonly tree: ClusterTreeProvider, private readonly prompts: Prompts) {
    super();
  }

  /** Runs the selection, or else the block at `offset`. Resolves once the result is shown (or nothing ran). */
  async run(document: vscode.TextDocument, offset: number, selection?: vscode.Selection): Promise<void> {
    const text = selection && !selection.isEmpty
      ? document.getText(selection)
      : blockAt(codeBlocks(document.getText()), offset)?.text;
    if (!text?.trim()) return;
    const binding = this.bindings.bindingOf(document);
    if (!binding || !this.ctx.config.clusters.some((c) => c.url.replace(/\/+$/, '').toLowerCase() === binding.cluster.replace(/\/+$/, '').toLowerCase())) {
      this.prompts.info(vscode.l10n.t('Choose a database for this file first: right-click a database in the Clusters view and pick "Use for This File", or start the file with "// cluster: <url> database: <name>".'));
      return;
    }
    const writes = changesState(text);
    if (writes) {
      const answer = await this.prompts.confirm(
        vscode.l10n.t('Run this command on database {0} of {1}? It changes the cluster.', binding.database, binding.cluster),
        text.trim(), [RUN_ACTION]);
      if (answer !== RUN_ACTION) return;
    }
    const title = `${bindingLabel(binding)}: ${text.trim().split('\n', 1)[0].slice(0, 60)}`;
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Running on {0}', bindingLabel(binding)), cancellable: true }, async (_progress, token) => {
      const abort = new AbortController();
      const cancel = token.onCancellationRequested(() => abort.abort());
      const started = performance.now();
      try {
        const result = await this.tree.connections.client(binding.cluster).runKql(binding.database, text, { signal: abort.signal, changesState: writes });
        this.results.show({ title, result, durationMs: performance.now() - started });
        const target = writes ? changedPolicyTarget(text) : undefined;
        if (target) await this.tree.reloadPolicy(binding.cluster, target);
      } catch (e) {
        // The client has also asked the cluster to stop a cancelled query (`.cancel query`).
        if (abort.signal.aborted) {
          this.ctx.log.info(`KQL run on ${bindingLabel(binding)} cancelled.`);
          return;
        }
        this.ctx.log.error(`KQL run on ${bindingLabel(binding)} failed: ${describeError(e)}`, e);
        this.prompts.error(describeError(e));
      } finally {
        cancel.dispose();
      }
    });
  }
}

/** "Run" above each block of a KQL file. */
export class RunCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    return codeBlocks(document.getText()).filter((b) => !/^\s*\/\//.test(b.text) || /\n\s*[^/\s]/.test(b.text)).map((b) => {
      const range = new vscode.Range(b.startLine, 0, b.startLine, 0);
      return new vscode.CodeLens(range, { title: '$(play) Run', command: 'kustoMi.kql.runBlock', arguments: [document.uri, b.startLine] });
    });
  }
}
