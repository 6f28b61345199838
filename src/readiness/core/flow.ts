// Which flow a readiness check is about: the policy usage it needs and whether
// the identity reads or writes storage. Taken from `--usage`, else from the
// source (the Kusto command around the URI, or SDK code: queued ingestion),
// else NativeIngestion. The command-to-flow table is core/flows' (one answer
// for the analysis and the check); this file only picks the command and adds
// DeleteSourceOnSuccess, which turns a read into a delete.
import { flowForCommand, QUEUED_INGESTION_FLOW, type ManagedIdentityFlow, type StorageAccess } from '../../core/flows/flowForCommand';
import { getUsageIgnoreCase, isUsageValidAt } from '../../core/kql/usages';
import { nameBoundTo } from './linkSize';
import type { SourceInput } from './services';
import { locateUri } from './sizeStep';

export interface CheckedFlow {
  readonly usage: string;
  readonly access: StorageAccess;
  readonly clusterOnly: boolean;
  /** Where the usage came from. */
  readonly origin: 'option' | 'command' | 'code' | 'default';
  /** The code or command deletes the blob after ingesting it. */
  readonly deletesSource: boolean;
}

const KQL_FILE = /\.(kql|csl|kusto)$/i;
const WRITE_USAGES = new Set(['exportrequest', 'automatedflows']);

// `DeleteSourceOnSuccess = true` (C# StorageSourceOptions), `deleteSourceOnSuccess: true`,
// `delete_source_on_success=True`, `.setDeleteSourceOnSuccess(true)` (Java), Go's
// `ingest.DeleteSource()` option, and the legacy C# `IngestFromSingleBlob(uri, true, ...)`.
const DELETE_SOURCE = [
  /\b(?:set)?delete_?sources?_?on_?success\b["']?\s*(?:[:=]|\(\s*)\s*(?:true|True)\b/i,
  /\bingest\.DeleteSource\s*\(\s*\)/,
  /\bIngestFromSingleBlob(?:Async)?\s*\(\s*[^,()]+(?:\([^()]*\))?\s*,\s*true\b/,
];

/**
 * The code around the URI's uses: the literal itself and each use of the name
 * it is assigned to, from a little before (properties built just above) to a
 * little after (the call's own options). The whole text when the URI is not
 * found in it.
 */
export function codeAroundUri(text: string, uri: string, offset?: number): string {
  const where = locateUri(text, uri, offset);
  if (!where) return text;
  const name = nameBoundTo(text, where.start);
  const starts = [where.start];
  if (name) {
    const re = new RegExp(`(?<![A-Za-z0-9_$])${name}(?![A-Za-z0-9_$])`, 'g');
    for (let m = re.exec(text); m; m = re.exec(text)) if (m.index > where.end) starts.push(m.index);
  }
  return starts.map((i) => text.slice(Math.max(0, i - 600), i + 900)).join('\n');
}

/** Whether the text asks the service to delete the blob after a successful ingestion. */
export function deletesSourceOnSuccess(text: string): boolean {
  return DELETE_SOURCE.some((re) => re.test(text));
}

/** The Kusto command (blank-line separated block) holding `offset`, or the one naming `uri`. */
export function commandAround(text: string, offset: number | undefined, uri: string): string {
  const blocks: { start: number; text: string }[] = [];
  const re = /\r?\n[ \t]*\r?\n/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    blocks.push({ start, text: text.slice(start, m.index) });
    start = m.index + m[0].length;
  }
  blocks.push({ start, text: text.slice(start) });
  const at = offset !== undefined ? blocks.find((b) => offset >= b.start && offset <= b.start + b.text.length) : undefined;
  const base = uri.split(/[?;]/, 1)[0];
  const found = at ?? blocks.find((b) => b.text.includes(base)) ?? { text };
  // Comment lines are not part of the command.
  return found.text.split(/\r?\n/).filter((l) => !/^\s*\/\//.test(l)).join('\n').trim();
}

function fromUsage(usage: string, origin: CheckedFlow['origin']): Omit<CheckedFlow, 'deletesSource'> {
  const name = getUsageIgnoreCase(usage)?.name ?? usage;
  return { usage: name, access: WRITE_USAGES.has(name.toLowerCase()) ? 'write' : 'read', clusterOnly: !isUsageValidAt(name, 'database'), origin };
}

function fromFlow(flow: ManagedIdentityFlow, origin: CheckedFlow['origin']): Omit<CheckedFlow, 'deletesSource'> {
  return { usage: flow.usage, access: flow.access, clusterOnly: flow.clusterOnly === true, origin };
}

export function resolveFlow(blobUri: string, source: SourceInput | undefined, usage?: string): CheckedFlow {
  const isKql = source !== undefined && (source.languageId === 'kusto' || KQL_FILE.test(source.fileName));
  const command = source && isKql ? commandAround(source.text, source.uriOffset, blobUri) : undefined;
  const deletesSource = source !== undefined && deletesSourceOnSuccess(command ?? codeAroundUri(source.text, blobUri, source.uriOffset));
  let flow: Omit<CheckedFlow, 'deletesSource'>;
  if (usage) flow = fromUsage(usage, 'option');
  else if (command !== undefined) {
    const found = flowForCommand(command);
    flow = found ? fromFlow(found, 'command') : fromUsage('NativeIngestion', 'default');
  } else if (source) flow = fromFlow(QUEUED_INGESTION_FLOW, 'code');
  else flow = fromUsage('NativeIngestion', 'default');
  return { ...flow, access: deletesSource ? 'write' : flow.access, deletesSource };
}
