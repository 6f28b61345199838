// Runs readiness checks in the editor and keeps the last request and report:
// the webview shows the report, its fix buttons come back here, and after a
// fix the same request is checked again and the report refreshed.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { createSizeAnalyzer, SIZE_RULE_ID, type SizeAnalyzer } from '../../analyzers';
import type { Finding } from '../../core/findings';
import type { Ctx } from '../../ctx';
import { describeError } from '../../log';
import type { DocumentAnalysis } from '../../providers/diagnostics/documentAnalysis';
import type { Prompts } from '../../ui/prompts';
import { Disposable } from '../../util/dispose';
import { lazy } from '../../util/lazy';
import type { ClusterTreeProvider } from '../../views/clusterTree/clusterTreeProvider';
import { checkReadiness } from '../core/checkReadiness';
import type { ReadinessReport, StepId } from '../core/model';
import type { SourceInput } from '../core/services';
import type { ReportViewState } from '../view/reportHtml';
import { applyFix, type FixOutcome } from './fixes';
import { ReportPanel, type PanelMessage } from './panel';
import { uriAt, type ReadinessRequest } from './request';
import { editorServices } from './services';

export interface ReadinessControllerDeps {
  readonly tree: ClusterTreeProvider;
  readonly analysis: DocumentAnalysis;
  readonly prompts: Prompts;
}

export class ReadinessController extends Disposable {
  private request: ReadinessRequest | undefined;
  private report: ReadinessReport | undefined;
  private readonly panel: ReportPanel;
  private readonly reported = this._register(new vscode.EventEmitter<ReadinessReport>());
  /** Fires after each check, with its report. */
  readonly onDidReport = this.reported.event;
  // Only asked which languages the size rule covers; grammars load in DocumentAnalysis.
  private readonly sizeRule = lazy<SizeAnalyzer>(() => createSizeAnalyzer({ wasmDir: path.join(this.ctx.extensionUri.fsPath, 'dist', 'wasm') }));

  /** The step an explained failure points at, and what was explained; kept until the next check. */
  private focus: { step: StepId; notice: string } | undefined;
  private recheck: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly ctx: Ctx, private readonly deps: ReadinessControllerDeps) {
    super();
    this.panel = this._register(new ReportPanel((m) => void this.onMessage(m)));
    this._register({ dispose: () => clearTimeout(this.recheck) });
  }

  /** Checks `request` and opens the report at `step`, saying what the failure means. */
  async explain(request: ReadinessRequest, step: StepId | undefined, notice: string): Promise<ReadinessReport> {
    this.request = request;
    this.report = undefined;
    this.focus = step ? { step, notice } : undefined;
    const report = await this.run(request);
    if (!step) this.show({ notice: { kind: 'info', text: notice } });
    return report;
  }

  get lastReport(): ReadinessReport | undefined {
    return this.report;
  }

  get lastHtml(): string | undefined {
    return this.panel.lastHtml;
  }

  async check(request: ReadinessRequest): Promise<ReadinessReport> {
    this.request = request;
    this.report = undefined;
    this.focus = undefined;
    return this.run(request);
  }

  /** Checks the last request again; undefined when there is none. */
  async rerun(): Promise<ReadinessReport | undefined> {
    return this.request ? this.run(this.request) : undefined;
  }

  /** The fix of a failed step, as its button runs it; the check runs again after it applied. */
  async applyFix(stepId: StepId): Promise<FixOutcome> {
    const step = this.report?.steps.find((s) => s.id === stepId);
    if (!this.request || !step || step.verdict !== 'fail' || !step.fix) return 'unavailable';
    this.show({ busy: `Applying: ${step.fix.title}` });
    let outcome: FixOutcome = 'failed';
    try {
      const result = await applyFix(step.fix, { ctx: this.ctx, tree: this.deps.tree, prompts: this.deps.prompts, request: this.request });
      outcome = result.outcome;
      this.request = result.request;
    } catch (e) {
      this.ctx.log.error(`Readiness fix "${step.fix.title}" failed`, e);
      this.deps.prompts.error(describeError(e));
    }
    if (outcome === 'applied') await this.run(this.request);
    else this.show(outcome === 'failed' ? { notice: { kind: 'error', text: `Not applied: ${step.fix.title}.` } } : {});
    return outcome;
  }

  private show(extra: Omit<ReportViewState, 'report'>): void {
    const focus = this.focus && this.report ? { focus: this.focus.step, notice: { kind: 'info' as const, text: this.focus.notice } } : {};
    this.panel.show({ ...(this.report ? { report: this.report } : {}), ...focus, ...extra });
  }

  /** A role assigned moments ago: check again once it has had time to apply (one timer, the latest report's). */
  private scheduleRecheck(report: ReadinessReport, request: ReadinessRequest): void {
    clearTimeout(this.recheck);
    this.recheck = undefined;
    if (!report.recheckAfter) return;
    const delay = Math.max(5_000, Date.parse(report.recheckAfter) - Date.now());
    this.recheck = setTimeout(() => {
      this.recheck = undefined;
      if (this.request === request) void this.rerun().catch((e) => this.ctx.log.error('Readiness re-check failed', e));
    }, delay);
    this.ctx.log.info(`Readiness: a role was assigned moments ago; checking again at ${new Date(Date.now() + delay).toISOString()}`);
  }

  private async run(request: ReadinessRequest): Promise<ReadinessReport> {
    this.show({ busy: 'Checking…' });
    const { blobUri, source } = await this.source(request);
    try {
      const report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Checking managed-identity ingestion readiness' }, () =>
        checkReadiness({
          blobUri, clusterUrl: request.cluster.url, database: request.database,
          ...(request.identity ? { identity: request.identity } : {}),
          ...(request.cluster.source.resourceId ? { clusterResourceId: request.cluster.source.resourceId } : {}),
          ...(source ? { source } : {}),
        }, editorServices(this.ctx, this.deps.tree, request.cluster)));
      if (this.request === request) this.request = { ...request, blobUri }; // the document's URI, for the next run
      this.report = report;
      this.show({});
      if (this.request) this.scheduleRecheck(report, this.request);
      this.ctx.log.info(`Readiness of ${report.blobUri} on ${report.clusterUrl}/${report.database}: ${report.steps.map((s) => `${s.id} ${s.verdict}`).join(', ')}`);
      this.reported.fire(report);
      return report;
    } catch (e) {
      this.show({ notice: { kind: 'error', text: `The check failed: ${describeError(e)}` } });
      throw e;
    }
  }

  /** The URI as the document holds it now, and what the size step needs from the document. */
  private async source(request: ReadinessRequest): Promise<{ blobUri: string; source?: SourceInput }> {
    if (!request.location) return { blobUri: request.blobUri };
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(request.location.document);
    } catch {
      return { blobUri: request.blobUri };
    }
    const text = document.getText();
    const at = uriAt(text, request.location.start);
    const covered = this.sizeRule.value.supportsLanguage(document.languageId);
    const sizeFindings: Finding[] | undefined = covered
      ? (await this.deps.analysis.findingsFor(document)).filter((f) => f.code === SIZE_RULE_ID).map((f) => ({
        ruleId: 'mi-blob-size-missing' as const, start: f.start, end: f.end, message: f.message, fixes: f.fixes,
      }))
      : undefined;
    return {
      blobUri: at?.uri ?? request.blobUri,
      source: {
        fileName: document.uri.scheme === 'file' ? document.uri.fsPath : document.uri.path, text, languageId: document.languageId,
        ...(at ? { uriOffset: at.start } : {}), ...(sizeFindings ? { sizeFindings } : {}),
      },
    };
  }

  private async onMessage(message: PanelMessage): Promise<void> {
    try {
      if (message.type === 'rerun') await this.rerun();
      else await this.applyFix(message.step);
    } catch (e) {
      this.ctx.log.error('Readiness check failed', e);
    }
  }
}
