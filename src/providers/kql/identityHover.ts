// Hover on an object id: in a KQL policy literal, or after `;managed_identity=`
// in any file. Says which identity (and cluster) it is, when the extension knows.
import * as vscode from 'vscode';
import { findManagedIdentityReferences, findPolicyLiteralValues } from '../../core/kql/policyLiteral';
import { identityMarkdown, type IdentityRegistry } from '../../identities/identityRegistry';

export class IdentityHoverProvider implements vscode.HoverProvider {
  constructor(private readonly identities: IdentityRegistry) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const text = document.getText();
    const offset = document.offsetAt(position);
    const inRange = (v: { start: number; end: number }) => v.start <= offset && offset <= v.end;
    const policyValue = document.languageId === 'kusto'
      ? findPolicyLiteralValues(text).find((v) => v.property === 'ObjectId' && inRange(v))
      : undefined;
    const reference = policyValue ? undefined : findManagedIdentityReferences(text).find((r) => inRange(r) && (r.kind === 'system' || r.kind === 'objectId'));
    const hit = policyValue ?? reference;
    if (!hit) return undefined;
    const value = text.slice(hit.start, hit.end);
    const markdown = new vscode.MarkdownString(identityMarkdown(this.identities.find(value), value));
    return new vscode.Hover(markdown, new vscode.Range(document.positionAt(hit.start), document.positionAt(hit.end)));
  }
}
