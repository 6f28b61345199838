// Hover on a flagged storage credential: where the URI points, what the SAS
// allows and until when, and the fix (with the policy usage of its flow) first;
// the details after. The core's description never contains the signature.
import * as vscode from 'vscode';
import { describeStorageUri, renderStorageUriHover } from '../core/blob/describeUri';
import { renderSasTokenHover } from '../core/secrets/describeSasToken';
import type { DocumentAnalysis } from './diagnostics/documentAnalysis';

const URI_RULES = new Set(['sas-blob-uri', 'storage-account-key', 'storage-access-token', 'sas-token']);

export class StorageUriHoverProvider implements vscode.HoverProvider {
  constructor(private readonly analysis: DocumentAnalysis) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const offset = document.offsetAt(position);
    const findings = await this.analysis.findingsFor(document);
    const finding = findings.find((f) => URI_RULES.has(f.code) && f.start <= offset && offset <= f.end);
    if (!finding) return undefined;
    const text = document.getText().slice(finding.start, finding.end);
    const range = new vscode.Range(document.positionAt(finding.start), document.positionAt(finding.end));
    const info = describeStorageUri(text);
    if (info) {
      const flow = { usage: finding.usage, clusterOnly: finding.usage === 'SandboxArtifacts', write: finding.usage === 'ExportRequest' };
      return new vscode.Hover(new vscode.MarkdownString(renderStorageUriHover(info, flow)), range);
    }
    // A bare token or the SAS half of a split URI (a connection string's SAS too).
    if (/(?:^|[?&])sig=/.test(text)) return new vscode.Hover(new vscode.MarkdownString(renderSasTokenHover(text, finding.usage)), range);
    return undefined;
  }
}
