// The one webview that shows the last Run's result table; its copy buttons
// come back as messages and are answered here (the clipboard is the host's).
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { toCsv, toJson } from '../core/kql/resultFormat';
import { Disposable } from '../util/dispose';
import { renderResultsHtml, type ResultsViewState } from './resultsHtml';

export const RESULTS_VIEW_TYPE = 'kustoMi.kqlResults';

export class ResultsPanel extends Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private state: ResultsViewState | undefined;

  constructor() {
    super();
    this._register({ dispose: () => this.panel?.dispose() });
  }

  /** What the view shows (the extension-host tests read it). */
  get last(): ResultsViewState | undefined {
    return this.state;
  }

  show(state: ResultsViewState): void {
    this.state = state;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(RESULTS_VIEW_TYPE, vscode.l10n.t('KQL Results'), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true,
        localResourceRoots: [],
      });
      this.panel.onDidDispose(() => {
        this.panel = undefined;
      });
      this.panel.webview.onDidReceiveMessage((m: { type?: unknown; format?: unknown }) => {
        if (m?.type === 'copy' && (m.format === 'csv' || m.format === 'json')) void this.copy(m.format);
      });
    } else if (!this.panel.visible) {
      this.panel.reveal(undefined, true);
    }
    this.panel.title = vscode.l10n.t('KQL Results: {0}', state.title);
    this.panel.webview.html = renderResultsHtml(state, { nonce: randomBytes(16).toString('base64'), cspSource: this.panel.webview.cspSource });
  }

  async copy(format: 'csv' | 'json'): Promise<void> {
    if (!this.state) return;
    await vscode.env.clipboard.writeText(format === 'csv' ? toCsv(this.state.result) : toJson(this.state.result));
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0} rows as {1}', this.state.result.rows.length, format.toUpperCase()), 3000);
  }
}
