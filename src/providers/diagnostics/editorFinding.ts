// What the editor shows for one problem: a core Finding, or a KQL policy-literal
// problem, in one shape so that diagnostics and quick fixes handle both alike.
import * as vscode from 'vscode';
import type { Finding, FindingFix } from '../../core/findings';
import type { PolicyLiteralProblem } from '../../core/kql/policyLiteral';

export const DIAGNOSTIC_SOURCE = 'Kusto MI';

export interface EditorFinding {
  readonly code: string;
  readonly start: number;
  readonly end: number;
  readonly message: string;
  readonly fixes: readonly FindingFix[];
  /** The `managed_identity` policy usage of the finding's flow, when known. */
  readonly usage?: Finding['usage'];
  /** Fixed severity; undefined takes the `kustoMi.diagnostics.severity` setting. */
  readonly severity?: vscode.DiagnosticSeverity;
}

export function fromFinding(finding: Finding): EditorFinding {
  return { code: finding.ruleId, start: finding.start, end: finding.end, message: finding.message, fixes: finding.fixes, usage: finding.usage };
}

export function fromPolicyProblem(problem: PolicyLiteralProblem): EditorFinding {
  return {
    code: problem.code,
    start: problem.start,
    end: problem.end,
    message: problem.message,
    fixes: problem.suggestion === undefined ? [] : [{
      title: `Change to '${problem.suggestion}'`,
      edits: [{ start: problem.start, end: problem.end, newText: problem.suggestion }],
      isPreferred: true,
    }],
    severity: problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
  };
}

export function toDiagnostic(document: vscode.TextDocument, finding: EditorFinding, severity: vscode.DiagnosticSeverity): vscode.Diagnostic {
  const range = new vscode.Range(document.positionAt(finding.start), document.positionAt(finding.end));
  const diagnostic = new vscode.Diagnostic(range, finding.message, finding.severity ?? severity);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = finding.code;
  return diagnostic;
}

/** The workspace edit of one fix. */
export function fixToEdit(document: vscode.TextDocument, fix: FindingFix, edit = new vscode.WorkspaceEdit()): vscode.WorkspaceEdit {
  for (const e of fix.edits) {
    edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
  }
  return edit;
}
