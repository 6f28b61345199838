// The one webview that shows the latest readiness report. It is created on
// the first check, revealed again on the next, and re-rendered from
// renderReportHtml on every change; its buttons come back as messages.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { Disposable } from '../../util/dispose';
import type { StepId } from '../core/model';
import { renderReportHtml, type ReportViewState } from '../view/reportHtml';

export const PANEL_VIEW_TYPE = 'kustoMi.readinessReport';

export type PanelMessage = { readonly type: 'fix'; readonly step: StepId } | { readonly type: 'rerun' };

function isPanelMessage(value: unknown): value is PanelMessage {
  const m = value as { type?: unknown; step?: unknown } | undefined;
  return m?.type === 'rerun' || (m?.type === 'fix' && typeof m.step === 'string');
}

export class ReportPanel extends Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private html: string | undefined;

  constructor(private readonly onMessage: (message: PanelMessage) => void) {
    super();
    this._register({ dispose: () => this.panel?.dispose() });
  }

  /** The HTML last rendered (the extension-host tests read it). */
  get lastHtml(): string | undefined {
    return this.html;
  }

  show(state: ReportViewState): void {
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, 'Ingestion Readiness', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true,
        localResourceRoots: [],
        retainContextWhenHidden: false,
      });
      this.panel.onDidDispose(() => {
        this.panel = undefined;
      });
      this.panel.webview.onDidReceiveMessage((m: unknown) => {
        if (isPanelMessage(m)) this.onMessage(m);
      });
    } else if (!this.panel.visible) {
      this.panel.reveal(undefined, true);
    }
    this.html = renderReportHtml(state, { nonce: randomBytes(16).toString('base64'), cspSource: this.panel.webview.cspSource });
    this.panel.webview.html = this.html;
  }
}
