// Hover on a flagged credential: where it points (storage account and path,
// SQL server and database, Cosmos DB account), what a SAS allows and until
// when, the flow with its policy usage, whether the policies the Clusters view
// read already allow that usage, and the fix first; the details after. The
// core's descriptions never contain the signature, key or password.
import * as vscode from 'vscode';
import { describeStorageUri, renderStorageUriHover } from '../core/blob/describeUri';
import { addToHoverLead, policyHoverLines } from '../core/flows/policyAllowance';
import { renderSasTokenHover } from '../core/secrets/describeSasToken';
import { renderSqlSecretHover } from '../core/secrets/describeSqlSecret';
import type { IdentityRegistry } from '../identities/identityRegistry';
import type { DocumentAnalysis } from './diagnostics/documentAnalysis';
import type { EditorFinding } from './diagnostics/editorFinding';

const URI_RULES = new Set(['sas-blob-uri', 'storage-account-key', 'storage-access-token', 'sas-token']);
const SQL_RULES = new Set(['sql-password', 'cosmos-account-key']);

export class StorageUriHoverProvider implements vscode.HoverProvider {
  constructor(private readonly analysis: DocumentAnalysis, private readonly identities?: IdentityRegistry) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const offset = document.offsetAt(position);
    const findings = await this.analysis.findingsFor(document);
    const finding = findings.find((f) => (URI_RULES.has(f.code) || SQL_RULES.has(f.code)) && f.start <= offset && offset <= f.end);
    if (!finding) return undefined;
    const markdown = this.describe(document, finding);
    if (markdown === undefined) return undefined;
    const range = new vscode.Range(document.positionAt(finding.start), document.positionAt(finding.end));
    return new vscode.Hover(new vscode.MarkdownString(addToHoverLead(markdown, this.policyLines(finding))), range);
  }

  private describe(document: vscode.TextDocument, finding: EditorFinding): string | undefined {
    if (SQL_RULES.has(finding.code)) {
      return renderSqlSecretHover(document.getText(), finding.start, finding.code as 'sql-password' | 'cosmos-account-key', finding.usage);
    }
    const text = document.getText().slice(finding.start, finding.end);
    const info = describeStorageUri(text);
    if (info) {
      const flow = { usage: finding.usage, clusterOnly: finding.usage === 'SandboxArtifacts', write: finding.usage === 'ExportRequest' };
      return renderStorageUriHover(info, flow);
    }
    // A bare token or the SAS half of a split URI (a connection string's SAS too).
    if (/(?:^|[?&])sig=/.test(text)) return renderSasTokenHover(text, finding.usage);
    return undefined;
  }

  /** Whether the policies read allow the flow's usage, for each identity a fix offers (the system identity when none does). */
  private policyLines(finding: EditorFinding): string[] {
    if (!this.identities || !finding.usage) return [];
    const offered = finding.fixes.map((f) => f.identity).filter((i): i is string => i !== undefined);
    const identities = offered.length > 0 ? offered : ['system'];
    return policyHoverLines(identities.map((identity) => ({ identity, note: this.identities!.allowanceNote(identity, finding.usage) })));
  }
}
