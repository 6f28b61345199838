// "Check ingestion readiness" above each line holding a `;managed_identity=`
// or SAS blob URI, in any file. Uses the same scanner as the diagnostics (one
// indexOf pass per `.blob.`/`.dfs.`), so it costs nothing on files without one.
import * as vscode from 'vscode';
import { scanStorageUris } from '../../core/blob/scanStorageUris';
import { authOf } from '../../core/blob/storageUriAuth';
import { MAX_DOCUMENT_CHARS } from '../../providers/diagnostics/documentAnalysis';
import { CommandIds } from '../../commands/ids';

export const LENS_TITLE = 'Check ingestion readiness';

/** What the lens hands the command: the document and where the URI starts. */
export interface LensTarget {
  readonly document: string;
  readonly start: number;
}

export function isLensTarget(value: unknown): value is LensTarget {
  const v = value as Partial<LensTarget> | undefined;
  return typeof v === 'object' && v !== null && typeof v.document === 'string' && typeof v.start === 'number';
}

/** Offsets of the URIs a lens is shown for: managed-identity and SAS ones. */
export function readinessUriStarts(text: string): number[] {
  if (text.length > MAX_DOCUMENT_CHARS) return [];
  return scanStorageUris(text)
    .filter((m) => {
      const kind = authOf(text, m).kind;
      return kind === 'managed-identity' || kind === 'sas';
    })
    .map((m) => m.start);
}

export class ReadinessCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const lenses: vscode.CodeLens[] = [];
    const lines = new Set<number>();
    for (const start of readinessUriStarts(document.getText())) {
      const position = document.positionAt(start);
      if (lines.has(position.line)) continue; // one lens per line
      lines.add(position.line);
      const target: LensTarget = { document: document.uri.toString(), start };
      lenses.push(new vscode.CodeLens(new vscode.Range(position, position), { title: LENS_TITLE, command: CommandIds.checkReadiness, arguments: [target] }));
    }
    return lenses;
  }
}
