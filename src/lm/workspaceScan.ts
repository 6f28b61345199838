// The workspace's SAS URIs and storage keys, as the Convert command finds them:
// open documents from the editor (unsaved text counts), other files from disk,
// excluded, binary and oversized files skipped.
import * as vscode from 'vscode';
import { isExcluded } from '../config/exclude';
import type { Finding } from '../core/findings';
import type { KnownIdentity } from '../core/identity';
import { analyzeText } from '../core/scan/analyzeText';
import type { Ctx } from '../ctx';
import { MAX_DOCUMENT_CHARS } from '../providers/diagnostics/documentAnalysis';

const SKIP_FOLDERS = '{**/node_modules/**,**/.git/**,**/dist/**,**/out/**,**/bin/**,**/obj/**}';
/** An agent asking twice should not walk a monorepo for minutes. */
const MAX_FILES = 5000;

export interface FileFindings {
  readonly uri: vscode.Uri;
  readonly text: string;
  readonly findings: readonly Finding[];
}

export async function scanWorkspace(ctx: Ctx, include: string | undefined, identities: readonly KnownIdentity[], token: vscode.CancellationToken): Promise<FileFindings[]> {
  const files = await vscode.workspace.findFiles(include || '**/*', SKIP_FOLDERS, MAX_FILES, token);
  const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
  const out: FileFindings[] = [];
  for (const uri of files.sort((a, b) => (a.toString() < b.toString() ? -1 : 1))) {
    if (token.isCancellationRequested) break;
    if (isExcluded(ctx.config, uri)) continue;
    const text = open.get(uri.toString())?.getText() ?? await readText(uri);
    if (text === undefined || !text.includes('.')) continue;
    const findings = analyzeText(text, { identities });
    if (findings.length > 0) out.push({ uri, text, findings });
  }
  return out;
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > MAX_DOCUMENT_CHARS) return undefined;
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (bytes.subarray(0, 8000).includes(0)) return undefined;
    return new TextDecoder().decode(bytes);
  } catch {
    return undefined;
  }
}
