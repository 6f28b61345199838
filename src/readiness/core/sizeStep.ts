// Step 5: does the ingestion code give the blob size? With a managed-identity
// URI the SDKs cannot read the size from storage, so the `mi-blob-size-missing`
// rule's findings for this URI fail the step, with the rule's own quick fix.
import { authOf } from '../../core/blob/storageUriAuth';
import { scanStorageUris } from '../../core/blob/scanStorageUris';
import type { Finding, TextEdit } from '../../core/findings';
import { LineIndex } from '../../core/scan/lineIndex';
import { linkSizeFindings } from './linkSize';
import { step, unknownStep, type Evidence, type StepResult } from './model';
import { plural } from './words';
import type { SourceInput } from './services';

const KQL_FILE = /\.(kql|csl|kusto)$/i;

function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? fileName;
}

/** Where the URI is in the source: the given offset, else the literal, else the same URI up to its query or suffix. */
export function locateUri(text: string, uri: string, hint?: number): { start: number; end: number } | undefined {
  if (hint !== undefined) {
    const at = scanStorageUris(text).find((m) => m.start === hint);
    if (at) return { start: at.start, end: at.end };
  }
  const exact = text.indexOf(uri);
  if (exact >= 0) return { start: exact, end: exact + uri.length };
  const base = uri.split(/[?;]/, 1)[0];
  const m = scanStorageUris(text).find((x) => text.slice(x.start, x.baseEnd) === base);
  return m ? { start: m.start, end: m.end } : undefined;
}

function mergeEdits(findings: readonly Finding[]): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const f of findings) {
    const fix = f.fixes.find((x) => x.isPreferred) ?? f.fixes[0];
    for (const e of fix?.edits ?? []) if (!edits.some((x) => x.start < e.end && e.start < x.end)) edits.push(e);
  }
  return edits;
}

export function sizeStep(uri: string, isManagedIdentityUri: boolean, source: SourceInput | undefined): StepResult {
  if (!source) {
    return unknownStep('size', 'Could not check whether the ingestion code gives the blob size.', 'No source file given: pass the file that ingests the blob (the editor does this; the CLI takes --source FILE).');
  }
  const file = baseName(source.fileName);
  if (source.languageId === 'kusto' || KQL_FILE.test(source.fileName)) {
    return step('size', 'pass', `${file} is KQL: an .ingest command lets the service read the blob itself, so no size is needed.`);
  }
  if (!isManagedIdentityUri) {
    return unknownStep('size', 'The size is only needed once the URI uses a managed identity.', 'The URI is not in the managed-identity form yet: fix step 1, then check again.');
  }
  if (source.sizeError) return unknownStep('size', `Could not analyse ${file}.`, source.sizeError);
  if (!source.sizeFindings) {
    return unknownStep('size', `Could not check ${file}.`, `The blob-size rule covers C#, Python, TypeScript/JavaScript and Go; ${file} is ${source.languageId ?? 'another language'}.`);
  }
  const where = locateUri(source.text, uri, source.uriOffset);
  const lines = new LineIndex(source.text);
  const at = (f: Finding) => `${file}:${lines.positionAt(f.start).line}`;
  let { linked, unlinked } = where ? linkSizeFindings(source.text, source.sizeFindings, where.start, where.end) : { linked: [], unlinked: source.sizeFindings };
  // A file with one managed-identity URI: every size finding in it is about that URI.
  const miUris = scanStorageUris(source.text).filter((m) => authOf(source.text, m).kind === 'managed-identity').length;
  if (linked.length === 0 && unlinked.length > 0 && miUris === 1 && where) [linked, unlinked] = [unlinked, []];
  const evidence: Evidence[] = [...linked, ...unlinked].map((f) => ({ label: `${at(f)} (${source.text.slice(f.start, f.end)})`, value: f.message }));
  if (linked.length > 0) {
    const edits = mergeEdits(linked);
    const summary = `${linked.length === 1 ? 'A call' : `${linked.length} calls`} in ${file} ingest${linked.length === 1 ? 's' : ''} this URI without the blob size (${linked.map(at).join(', ')}): with a managed identity the SDK cannot read it from storage, so the ingestion fails.`;
    return step('size', 'fail', summary, evidence, edits.length > 0 ? { fix: { kind: 'addSize', title: linked[0].fixes.find((x) => x.isPreferred)?.title ?? 'Add the blob size', edits } } : {});
  }
  if (unlinked.length > 0) {
    return unknownStep('size', `${plural(unlinked.length, 'call')} in ${file} ingest${unlinked.length === 1 ? 's' : ''} a managed-identity blob without a size, but none could be traced to this URI.`,
      'The URI reaches those calls through code the check does not follow.', evidence);
  }
  return step('size', 'pass', `No ingestion call in ${file} leaves out the blob size.`);
}
