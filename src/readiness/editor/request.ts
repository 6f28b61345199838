// One readiness check as the editor runs it: which blob, cluster, database and
// identity, and where the URI sits in a document (so fixes can edit it and a
// re-run finds it again after edits).
import type * as vscode from 'vscode';
import { scanStorageUris } from '../../core/blob/scanStorageUris';
import type { TextEdit } from '../../core/findings';
import type { ClusterModel } from '../../views/clusterTree/model/clusterModel';

export interface UriLocation {
  readonly document: vscode.Uri;
  /** Offset of the URI's first character. */
  readonly start: number;
}

export interface ReadinessRequest {
  readonly blobUri: string;
  readonly cluster: ClusterModel;
  readonly database: string;
  /** `system` or an object id, when the URI names none. */
  readonly identity?: string;
  readonly location?: UriLocation;
}

/** The storage URI starting at `start` in `text`, with its end. */
export function uriAt(text: string, start: number): { readonly uri: string; readonly start: number; readonly end: number } | undefined {
  const m = scanStorageUris(text).find((x) => x.start === start);
  return m ? { uri: text.slice(m.start, m.end), start: m.start, end: m.end } : undefined;
}

/** The storage URI that contains `offset` (the cursor), if any. */
export function uriAround(text: string, offset: number): { readonly uri: string; readonly start: number; readonly end: number } | undefined {
  const m = scanStorageUris(text).find((x) => x.start <= offset && offset <= x.end);
  return m ? { uri: text.slice(m.start, m.end), start: m.start, end: m.end } : undefined;
}

/** Where `offset` moves to after `edits` (offsets in the text before them) are applied. */
export function shiftOffset(offset: number, edits: readonly TextEdit[]): number {
  let shifted = offset;
  for (const e of edits) if (e.end <= offset) shifted += e.newText.length - (e.end - e.start);
  return shifted;
}
