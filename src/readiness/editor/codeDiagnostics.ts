// The readiness rules that live in code, as editor diagnostics with their own
// collection (source "Kusto MI"): `mi-requires-queued-ingestion` on a direct
// or streaming client in a file that passes a `;managed_identity=` URI, and
// `mi-client-id-used` on a known identity's client id after
// `;managed_identity=`, with a quick fix to its object id. The findings come
// from readiness/core/codeFindings.ts, which the report also uses.
import * as vscode from 'vscode';
import type { IdentityRegistry } from '../../identities/identityRegistry';
import { Disposable } from '../../util/dispose';
import { clientIdFindings, queuedOnlyFindings, type CodeFinding } from '../core/codeFindings';

const LANGUAGES = new Set(['csharp', 'python', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'go', 'java', 'kusto']);
const SOURCE = 'Kusto MI';
/** Large files are not scanned on every keystroke. */
const MAX_CHARS = 2_000_000;

interface Stored {
  readonly finding: CodeFinding;
  readonly diagnostic: vscode.Diagnostic;
}

export class ReadinessCodeDiagnostics extends Disposable implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('kusto-mi-readiness'));
  private readonly stored = new Map<string, Stored[]>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly identities: IdentityRegistry) {
    super();
    this._register(vscode.workspace.onDidOpenTextDocument((d) => this.update(d)));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)));
    this._register(identities.onDidChange(() => vscode.workspace.textDocuments.forEach((d) => this.update(d))));
    this._register({ dispose: () => this.pending.forEach((t) => clearTimeout(t)) });
    for (const d of vscode.workspace.textDocuments) this.update(d);
  }

  private schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(key, setTimeout(() => {
      this.pending.delete(key);
      this.update(document);
    }, 250));
  }

  private forget(uri: vscode.Uri): void {
    this.collection.delete(uri);
    this.stored.delete(uri.toString());
  }

  update(document: vscode.TextDocument): void {
    if (!LANGUAGES.has(document.languageId) || document.isClosed) return;
    const text = document.getText();
    if (text.length > MAX_CHARS) return this.forget(document.uri);
    const findings = [
      ...(document.languageId === 'kusto' ? [] : queuedOnlyFindings(text)),
      ...clientIdFindings(text, this.identities.all()),
    ];
    const stored = findings.map((finding) => {
      const range = new vscode.Range(document.positionAt(finding.start), document.positionAt(finding.end));
      const diagnostic = new vscode.Diagnostic(range, finding.message,
        finding.ruleId === 'mi-client-id-used' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      diagnostic.source = SOURCE;
      diagnostic.code = finding.ruleId;
      return { finding, diagnostic };
    });
    this.stored.set(document.uri.toString(), stored);
    this.collection.set(document.uri, stored.map((s) => s.diagnostic));
  }

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const mine = this.stored.get(document.uri.toString()) ?? [];
    const actions: vscode.CodeAction[] = [];
    for (const { finding, diagnostic } of mine) {
      if (finding.ruleId !== 'mi-client-id-used' || !finding.objectId || !diagnostic.range.intersection(range)) continue;
      if (!context.diagnostics.some((d) => d.code === diagnostic.code && d.range.isEqual(diagnostic.range))) continue;
      const action = new vscode.CodeAction(`Use the object id of ${finding.identityName ?? 'the identity'} (${finding.objectId})`, vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, diagnostic.range, finding.objectId);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      actions.push(action);
    }
    return actions;
  }
}

export function registerReadinessCodeDiagnostics(identities: IdentityRegistry): vscode.Disposable {
  const provider = new ReadinessCodeDiagnostics(identities);
  const selector = [...LANGUAGES].map((language) => ({ language }));
  return vscode.Disposable.from(provider, vscode.languages.registerCodeActionsProvider(selector, provider, ReadinessCodeDiagnostics.metadata));
}
