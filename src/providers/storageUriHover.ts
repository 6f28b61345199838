// Hover on a flagged storage URI: account, container, path, SAS permissions and
// expiry in words. The core's description never contains the signature.
import * as vscode from 'vscode';
import { describeStorageUri, renderStorageUriHover } from '../core/blob/describeUri';
import type { DocumentAnalysis } from './diagnostics/documentAnalysis';

export class StorageUriHoverProvider implements vscode.HoverProvider {
  constructor(private readonly analysis: DocumentAnalysis) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const offset = document.offsetAt(position);
    const findings = await this.analysis.findingsFor(document);
    const finding = findings.find((f) => (f.code === 'sas-blob-uri' || f.code === 'storage-account-key') && f.start <= offset && offset <= f.end);
    if (!finding) return undefined;
    const info = describeStorageUri(document.getText().slice(finding.start, finding.end));
    if (!info) return undefined;
    const range = new vscode.Range(document.positionAt(finding.start), document.positionAt(finding.end));
    return new vscode.Hover(new vscode.MarkdownString(renderStorageUriHover(info)), range);
  }
}
