// The workspace conversion's plan, computed from the files' bytes: open
// documents are read from the editor (unsaved text counts), every other file
// from disk, never opened as a document (opening 1,000 files made language
// servers analyse each one: a minute before the preview). One size limit for
// both, and every file that holds a rewrite but cannot take it is listed with
// the reason.
import * as fs from 'node:fs/promises';
import * as vscode from 'vscode';
import type { TextEdit } from '../core/findings';
import type { KnownIdentity } from '../core/identity';
import { analyzeText } from '../core/scan/analyzeText';
import { MAX_FILE_BYTES, textOverSizeLimit } from '../core/sizeLimit';

export type SkipReason = 'read-only' | 'too large' | 'changed on disk' | 'unreadable';

export interface PlannedFile {
  readonly uri: vscode.Uri;
  readonly label: string;
  readonly edits: readonly { readonly range: vscode.Range; readonly newText: string }[];
  /** Set for files read from disk: what they were when read, to notice a change before applying. */
  readonly disk?: { readonly mtimeMs: number; readonly size: number };
}

export interface ConversionPlan {
  readonly files: PlannedFile[];
  readonly skipped: { readonly uri: vscode.Uri; readonly reason: SkipReason }[];
}

/** Rewrites of one text: the fix for `identity` (null: system-assigned) of each finding. */
export function rewritesOf(text: string, identity: KnownIdentity | null): { edits: TextEdit[]; title: string }[] {
  const out: { edits: TextEdit[]; title: string }[] = [];
  if (!text.includes('.')) return out;
  for (const finding of analyzeText(text, { identities: identity ? [identity] : [] })) {
    // Fixes are [system, ...the identities passed in]: take the one asked for.
    const fix = finding.fixes[identity ? 1 : 0];
    if (fix) out.push({ edits: [...fix.edits], title: fix.title });
  }
  return out;
}

/** Positions as VS Code counts them (lines end at \r\n, \n or \r), without a TextDocument. */
export class Positions {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.starts.push(i + 1);
    }
  }

  at(offset: number): vscode.Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return new vscode.Position(lo, offset - (this.starts[lo] as number));
  }
}

const isBinary = (bytes: Uint8Array) => bytes.subarray(0, 8000).includes(0);

/** Reads, checks and plans one file; undefined when it needs no rewrite. */
async function planFile(uri: vscode.Uri, open: vscode.TextDocument | undefined, identity: KnownIdentity | null,
  plan: ConversionPlan): Promise<void> {
  let text: string;
  let disk: PlannedFile['disk'];
  if (open) {
    text = open.getText();
    if (textOverSizeLimit(text)) return void plan.skipped.push({ uri, reason: 'too large' });
  } else {
    try {
      const stat = uri.scheme === 'file' ? await fs.stat(uri.fsPath) : undefined;
      if (stat && stat.size > MAX_FILE_BYTES) return void plan.skipped.push({ uri, reason: 'too large' });
      const bytes = uri.scheme === 'file' ? await fs.readFile(uri.fsPath) : await vscode.workspace.fs.readFile(uri);
      if (bytes.length > MAX_FILE_BYTES) return void plan.skipped.push({ uri, reason: 'too large' });
      if (isBinary(bytes)) return;
      text = new TextDecoder().decode(bytes);
      if (stat) disk = { mtimeMs: stat.mtimeMs, size: stat.size };
    } catch {
      return void plan.skipped.push({ uri, reason: 'unreadable' });
    }
  }
  const rewrites = rewritesOf(text, identity);
  if (rewrites.length === 0) return;
  if (await isReadOnly(uri)) return void plan.skipped.push({ uri, reason: 'read-only' });
  const positions = new Positions(text);
  const edits = rewrites.flatMap((r) => r.edits.map((e) => ({ range: new vscode.Range(positions.at(e.start), positions.at(e.end)), newText: e.newText })));
  plan.files.push({ uri, label: rewrites[0]!.title, edits, ...(disk ? { disk } : {}) });
}

async function isReadOnly(uri: vscode.Uri): Promise<boolean> {
  if (uri.scheme === 'file') {
    // No owner write bit, as `ls` and VS Code show it (root could write anyway), or no write access.
    const stat = await fs.stat(uri.fsPath).catch(() => undefined);
    if (!stat || (stat.mode & 0o200) === 0) return true;
    return fs.access(uri.fsPath, fs.constants.W_OK).then(() => false, () => true);
  }
  const stat = await vscode.workspace.fs.stat(uri).then((s) => s, () => undefined);
  return ((stat?.permissions ?? 0) & vscode.FilePermission.Readonly) !== 0;
}

/** Plans every file, a few at a time; undefined when cancelled. */
export async function planConversion(files: readonly vscode.Uri[], identity: KnownIdentity | null,
  progress: (done: number) => void, token: vscode.CancellationToken): Promise<ConversionPlan | undefined> {
  const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
  const plan: ConversionPlan = { files: [], skipped: [] };
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < files.length && !token.isCancellationRequested) {
      const uri = files[next++] as vscode.Uri;
      await planFile(uri, open.get(uri.toString()), identity, plan);
      if (++done % 50 === 0) progress(done);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  if (token.isCancellationRequested) return undefined;
  const byPath = (a: { uri: vscode.Uri }, b: { uri: vscode.Uri }) => a.uri.toString().localeCompare(b.uri.toString());
  plan.files.sort(byPath);
  plan.skipped.sort(byPath);
  return plan;
}

/** Files read from disk that changed since (their edits would land on other text). */
export async function changedOnDisk(plan: ConversionPlan): Promise<Set<string>> {
  const changed = new Set<string>();
  await Promise.all(plan.files.map(async (f) => {
    if (!f.disk) return;
    const stat = await fs.stat(f.uri.fsPath).catch(() => undefined);
    if (!stat || stat.mtimeMs !== f.disk.mtimeMs || stat.size !== f.disk.size) changed.add(f.uri.toString());
  }));
  return changed;
}
