// Analyses open documents and publishes diagnostics: SAS URIs and account keys
// (every language), missing blob sizes (tree-sitter, incremental), and policy
// literal problems (KQL). Re-analysis is debounced while typing; closing a
// document clears its diagnostics. The latest findings are kept per document
// so quick fixes use exactly what the diagnostics showed.
import * as vscode from 'vscode';
import type { AnalyzedDocument, SizeAnalyzer, TextChange } from '../../analyzers';
import { isExcluded } from '../../config/exclude';
import { validatePolicyLiterals } from '../../core/kql/policyLiteral';
import { analyzeText } from '../../core/scan/analyzeText';
import { MAX_FILE_BYTES, overSizeLimitMessage, textOverSizeLimit } from '../../core/sizeLimit';
import type { Ctx } from '../../ctx';
import type { IdentityRegistry } from '../../identities/identityRegistry';
import { Disposable } from '../../util/dispose';
import { fromFinding, fromPolicyProblem, toDiagnostic, type EditorFinding } from './editorFinding';

/** Larger documents are not analysed (the CLI's default limit too); see core/sizeLimit. */
export const MAX_DOCUMENT_CHARS = MAX_FILE_BYTES;

/** The information diagnostic at the top of a file over the size limit. */
export const FILE_TOO_LARGE_CODE = 'file-too-large';

interface SizeState {
  doc: Promise<AnalyzedDocument | undefined>;
  pending: TextChange[];
}

export class DocumentAnalysis extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('kustoMi'));
  private readonly findings = new Map<string, { version: number; items: EditorFinding[] }>();
  private readonly sizeStates = new Map<string, SizeState>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly skippedLarge = new Set<string>();
  private readonly analyzed = this._register(new vscode.EventEmitter<vscode.Uri>());
  /** Fires after a document's diagnostics were published (tests and benchmarks wait on it). */
  readonly onDidAnalyze = this.analyzed.event;

  constructor(private readonly ctx: Ctx, private readonly identities: IdentityRegistry, private readonly sizeAnalyzer: () => SizeAnalyzer) {
    super();
    this._register(vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => {
      const state = this.sizeStates.get(e.document.uri.toString());
      state?.pending.push(...e.contentChanges.map((c) => ({ rangeOffset: c.rangeOffset, rangeLength: c.rangeLength, text: c.text })));
      if (e.contentChanges.length) this.schedule(e.document, ctx.config.debounceMs);
    }));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)));
    this._register(ctx.config.onDidChange((keys) => {
      if (keys.has('diagnostics.severity') || keys.has('diagnostics.exclude')) this.reanalyzeAll();
    }));
    this._register(identities.onDidChange(() => this.reanalyzeAll()));
    this._register({ dispose: () => this.disposeSizeStates() });
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  /** Findings as last published for this document version, or fresh ones. */
  async findingsFor(document: vscode.TextDocument): Promise<readonly EditorFinding[]> {
    const cached = this.findings.get(document.uri.toString());
    if (cached && cached.version === document.version) return cached.items;
    return this.analyzeNow(document);
  }

  private isCandidate(document: vscode.TextDocument): boolean {
    if (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled') return false;
    return !isExcluded(this.ctx.config, document.uri);
  }

  private schedule(document: vscode.TextDocument, delayMs: number): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.analyzeNow(document);
    }, delayMs));
  }

  private reanalyzeAll(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  /** Runs every analyzer that applies and publishes the result. */
  async analyzeNow(document: vscode.TextDocument): Promise<EditorFinding[]> {
    const key = document.uri.toString();
    if (document.isClosed || !this.isCandidate(document)) {
      this.forget(document.uri);
      return [];
    }
    const version = document.version;
    const text = document.getText();
    if (textOverSizeLimit(text)) {
      const bytes = Buffer.byteLength(text, 'utf8');
      if (!this.skippedLarge.has(key)) {
        this.skippedLarge.add(key);
        this.ctx.log.info(`Not analysing ${document.uri.fsPath}: ${bytes} bytes is over the limit of ${MAX_FILE_BYTES}.`);
      }
      // Said in the file itself (and the Problems view), not only in the log.
      const notice: EditorFinding = {
        code: FILE_TOO_LARGE_CODE, start: 0, end: 0, message: overSizeLimitMessage(bytes), fixes: [],
        severity: vscode.DiagnosticSeverity.Information,
      };
      this.findings.set(key, { version, items: [notice] });
      this.collection.set(document.uri, [toDiagnostic(document, notice, notice.severity!)]);
      this.analyzed.fire(document.uri);
      return [notice];
    }
    const items: EditorFinding[] = analyzeText(text, { identities: this.identities.all(), fileName: document.fileName }).map(fromFinding);
    if (document.languageId === 'kusto') items.push(...validatePolicyLiterals(text).map(fromPolicyProblem));
    items.push(...(await this.sizeFindings(document, text)));
    // A newer version was analysed meanwhile, or the document closed: keep that result.
    if (document.isClosed || document.version !== version) return items;
    items.sort((a, b) => a.start - b.start);
    this.findings.set(key, { version, items });
    const severity = this.ctx.config.diagnosticSeverity;
    const diagnostics = items.map((f) => toDiagnostic(document, f, severity));
    // Typing on a line rarely changes what other lines show: re-publishing an
    // unchanged list of 20,000 diagnostics kept the workbench busy for a second.
    if (!sameDiagnostics(this.collection.get(document.uri), diagnostics)) this.collection.set(document.uri, diagnostics);
    this.analyzed.fire(document.uri);
    return items;
  }

  private async sizeFindings(document: vscode.TextDocument, text: string): Promise<EditorFinding[]> {
    const analyzer = this.sizeAnalyzer();
    if (!analyzer.supportsLanguage(document.languageId)) return [];
    const key = document.uri.toString();
    try {
      let state = this.sizeStates.get(key);
      if (!state) {
        // Open lazily, and only once the document mentions a managed identity.
        if (!text.includes(';managed_identity=')) return [];
        state = { doc: analyzer.openDocument(document.languageId, text), pending: [] };
        this.sizeStates.set(key, state);
        return ((await state.doc)?.findings ?? []).map(fromFinding);
      }
      const doc = await state.doc;
      if (!doc) return [];
      const changes = state.pending.splice(0);
      const findings = changes.length || doc.text !== text ? doc.update(changes, text) : doc.findings;
      return findings.map(fromFinding);
    } catch (e) {
      this.ctx.log.error(`Blob-size analysis of ${document.uri.fsPath} failed`, e);
      this.sizeStates.delete(key);
      return [];
    }
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.findings.delete(key);
    this.skippedLarge.delete(key);
    this.collection.delete(uri);
    const state = this.sizeStates.get(key);
    this.sizeStates.delete(key);
    void state?.doc.then((d) => d?.dispose(), () => undefined);
  }

  private disposeSizeStates(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const state of this.sizeStates.values()) void state.doc.then((d) => d?.dispose(), () => undefined);
    this.sizeStates.clear();
  }
}

/** Same ranges, messages, severities and codes, in the same order. */
function sameDiagnostics(a: readonly vscode.Diagnostic[] | undefined, b: readonly vscode.Diagnostic[]): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as vscode.Diagnostic;
    const y = b[i] as vscode.Diagnostic;
    if (!x.range.isEqual(y.range) || x.message !== y.message || x.severity !== y.severity || x.code !== y.code || x.source !== y.source) return false;
  }
  return true;
}
