// Quick fixes for this extension's diagnostics, and a `source.fixAll` action
// that applies each finding's preferred fix. The edits come from the core, so
// the editor writes exactly what `cli scan --fix` writes.
import * as vscode from 'vscode';
import type { FindingFix } from '../core/findings';
import type { IdentityRegistry } from '../identities/identityRegistry';
import type { DocumentAnalysis } from './diagnostics/documentAnalysis';
import { DIAGNOSTIC_SOURCE, fixToEdit, type EditorFinding } from './diagnostics/editorFinding';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('kustoMi');

export class FindingCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(private readonly analysis: DocumentAnalysis, private readonly identities?: IdentityRegistry) {}

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const findings = await this.analysis.findingsFor(document);
    const actions: vscode.CodeAction[] = [];
    if (!context.only || context.only.contains(vscode.CodeActionKind.QuickFix) || vscode.CodeActionKind.QuickFix.contains(context.only)) {
      for (const diagnostic of context.diagnostics) {
        if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
        const finding = findingOf(document, findings, diagnostic);
        for (const fix of finding?.fixes ?? []) {
          const action = new vscode.CodeAction(this.titleOf(fix, finding!), vscode.CodeActionKind.QuickFix);
          action.edit = fixToEdit(document, fix);
          action.diagnostics = [diagnostic];
          action.isPreferred = fix.isPreferred === true;
          actions.push(action);
        }
      }
    }
    if (context.only && (FIX_ALL_KIND.contains(context.only) || context.only.contains(FIX_ALL_KIND))) {
      const fixAll = this.fixAll(document, findings);
      if (fixAll) actions.push(fixAll);
    }
    void range;
    return actions;
  }

  /** The fix's title, with whether the policies the Clusters view read allow the usage its flow needs for that identity. */
  private titleOf(fix: FindingFix, finding: EditorFinding): string {
    const note = fix.identity && this.identities?.allowanceNote(fix.identity, finding.usage);
    return note ? `${fix.title} (${note})` : fix.title;
  }

  private fixAll(document: vscode.TextDocument, findings: readonly EditorFinding[]): vscode.CodeAction | undefined {
    const edit = new vscode.WorkspaceEdit();
    let count = 0;
    for (const finding of findings) {
      const preferred = finding.fixes.find((f) => f.isPreferred);
      if (!preferred) continue;
      fixToEdit(document, preferred, edit);
      count++;
    }
    if (count === 0) return undefined;
    const action = new vscode.CodeAction(`Fix all Kusto MI problems (${count})`, FIX_ALL_KIND);
    action.edit = edit;
    return action;
  }
}

function findingOf(document: vscode.TextDocument, findings: readonly EditorFinding[], diagnostic: vscode.Diagnostic): EditorFinding | undefined {
  const start = document.offsetAt(diagnostic.range.start);
  const end = document.offsetAt(diagnostic.range.end);
  return findings.find((f) => f.start === start && f.end === end && f.code === diagnostic.code);
}
