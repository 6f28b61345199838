// "Check ingestion readiness" above each line holding a `;managed_identity=`
// or SAS blob URI, in any file. Uses the same scanner as the diagnostics (one
// indexOf pass per `.blob.`/`.dfs.`), so it costs nothing on files without one.
// A file with more such lines than MAX_LENS_LINES (a generated list of 20,000
// URIs, say) gets one lens instead, for the URI at the cursor: thousands of
// lenses made every keystroke take seconds in the workbench.
import * as vscode from 'vscode';
import { scanStorageUris } from '../../core/blob/scanStorageUris';
import { authOf } from '../../core/blob/storageUriAuth';
import { textOverSizeLimit } from '../../core/sizeLimit';
import { CommandIds } from '../../commands/ids';

export const LENS_TITLE = 'Check ingestion readiness';

/** Above this many lines with a URI, one lens for the whole file. */
export const MAX_LENS_LINES = 100;

export const MANY_URIS_LENS_TITLE = `${LENS_TITLE} of the URI at the cursor (over ${MAX_LENS_LINES} lines with URIs in this file)`;

/** What the lens hands the command: the document and where the URI starts. */
export interface LensTarget {
  readonly document: string;
  readonly start: number;
}

export function isLensTarget(value: unknown): value is LensTarget {
  const v = value as Partial<LensTarget> | undefined;
  return typeof v === 'object' && v !== null && typeof v.document === 'string' && typeof v.start === 'number';
}

/**
 * Offsets of the URIs a lens is shown for: managed-identity and SAS ones. With
 * `maxLines`, the scan may stop once more than that many lines hold one: it
 * reads a growing prefix of the text, cut at a line break (a URI never spans one).
 */
export function readinessUriStarts(text: string, maxLines = Infinity): number[] {
  if (textOverSizeLimit(text)) return [];
  for (let end = 64 * 1024; ; end *= 4) {
    const cut = end >= text.length ? text.length : text.lastIndexOf('\n', end) + 1 || text.length;
    const starts = uriStarts(cut === text.length ? text : text.slice(0, cut));
    if (cut === text.length || linesHolding(text, starts) > maxLines) return starts;
  }
}

function uriStarts(text: string): number[] {
  return scanStorageUris(text)
    .filter((m) => {
      const kind = authOf(text, m).kind;
      return kind === 'managed-identity' || kind === 'sas';
    })
    .map((m) => m.start);
}

/** How many lines the ascending offsets fall on. */
function linesHolding(text: string, starts: readonly number[]): number {
  let lines = 0;
  let previous = -1;
  for (const start of starts) {
    if (previous < 0 || text.lastIndexOf('\n', start) >= previous) lines++;
    previous = start;
  }
  return lines;
}

export class ReadinessCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument, token?: vscode.CancellationToken): vscode.CodeLens[] {
    const starts = readinessUriStarts(document.getText(), MAX_LENS_LINES);
    const lenses: vscode.CodeLens[] = [];
    let lastLine = -1;
    for (const start of starts) {
      if (token?.isCancellationRequested) return [];
      const position = document.positionAt(start);
      if (position.line === lastLine) continue; // one lens per line (starts ascend)
      lastLine = position.line;
      if (lenses.length === MAX_LENS_LINES) {
        // Too many to show: one lens above the first URI; the command takes the URI at the cursor.
        const first = lenses[0]!.range;
        return [new vscode.CodeLens(first, { title: MANY_URIS_LENS_TITLE, command: CommandIds.checkReadiness, arguments: [] })];
      }
      const target: LensTarget = { document: document.uri.toString(), start };
      lenses.push(new vscode.CodeLens(new vscode.Range(position, position), { title: LENS_TITLE, command: CommandIds.checkReadiness, arguments: [target] }));
    }
    return lenses;
  }
}
