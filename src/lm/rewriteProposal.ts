// The managed-identity rewrite of the SAS URIs and account keys in some files,
// as edits: what the propose tool describes and the apply tool applies. The
// same fixes as the quick fix and `kusto-mi scan --fix`.
import * as vscode from 'vscode';
import { isGuid } from '../core/identity';
import type { TextEdit } from '../core/findings';
import { LineIndex } from '../core/scan/analyzeText';
import type { Ctx } from '../ctx';
import { ToolInputError, uriWithoutCredentials } from './toolResult';
import { scanWorkspace } from './workspaceScan';

export interface RewriteInput {
  /** A workspace-relative path or glob; the whole workspace when absent. */
  readonly file?: string;
  /** `system` (default) or the object id of a user-assigned identity. */
  readonly identity?: string;
}

export interface FileRewrite {
  readonly uri: vscode.Uri;
  readonly edits: readonly TextEdit[];
  readonly described: readonly { readonly line: number; readonly blob: string; readonly replacement: string; readonly fix: string }[];
}

export async function proposeRewrites(ctx: Ctx, input: RewriteInput, token: vscode.CancellationToken): Promise<FileRewrite[]> {
  const identity = (input.identity ?? 'system').trim();
  const system = identity.toLowerCase() === 'system';
  if (!system && !isGuid(identity)) throw new ToolInputError(`identity must be "system" or a managed identity's object (principal) id, not '${identity}'.`);
  const files = await scanWorkspace(ctx, input.file, system ? [] : [{ objectId: identity.toLowerCase() }], token);
  return files.map(({ uri, text, findings }) => {
    const lines = new LineIndex(text);
    const edits: TextEdit[] = [];
    const described: FileRewrite['described'][number][] = [];
    for (const f of findings) {
      // Fixes are [system, ...the identities passed in]: take the one asked for.
      const fix = f.fixes[system ? 0 : 1];
      if (!fix) continue;
      for (const e of fix.edits) {
        edits.push(e);
        described.push({
          line: lines.positionAt(e.start).line,
          blob: uriWithoutCredentials(text.slice(f.start, f.end)),
          replacement: e.newText,
          fix: fix.title,
        });
      }
    }
    return { uri, edits, described };
  }).filter((r) => r.edits.length > 0);
}
