// Two mistakes in code the readiness check also reports in the editor:
// - `mi-requires-queued-ingestion`: a direct or streaming ingestion client in a
//   file that passes a `;managed_identity=` URI. Only queued ingestion (and
//   `.ingest` inline) hands the URI to the service, which reads the blob with
//   the cluster's identity; the direct/streaming clients fail on it.
// - `mi-client-id-used`: `;managed_identity=<guid>` where the GUID is a known
//   identity's client id. The URI takes the object (principal) id; SDK sign-in
//   takes the client id, which is why people mix them up.
// Text-level and pure (the editor and the report share it); comment lines and
// files without a managed-identity URI stay quiet.
import type { KnownIdentity } from '../../core/identity';

export type ReadinessRuleId = 'mi-requires-queued-ingestion' | 'mi-client-id-used';

export interface CodeFinding {
  readonly ruleId: ReadinessRuleId;
  readonly start: number;
  readonly end: number;
  readonly message: string;
  /** For `mi-client-id-used`: the GUID to write instead, and who it is. */
  readonly objectId?: string;
  readonly identityName?: string;
}

const MI_URI = /;managed_identity=([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|system)\b/gi;

/** Direct and streaming clients of the ingestion SDKs (C#, Python, Node, Go, Java). Managed streaming falls back to queued and is not listed. */
const NON_QUEUED: readonly { readonly re: RegExp; readonly queued: string }[] = [
  { re: /\bKustoIngestFactory\s*\.\s*Create(?:Direct|Streaming)IngestClient\b/g, queued: 'KustoIngestFactory.CreateQueuedIngestClient' },
  { re: /\bKustoStreamingIngestClient\s*\(/g, queued: 'QueuedIngestClient' },
  { re: /\bnew\s+StreamingIngestClient\s*\(/g, queued: 'new IngestClient(...) (queued)' },
  { re: /\bingest\s*\.\s*NewStreaming\s*\(/g, queued: 'ingest.New(...) (queued)' },
  { re: /\bIngestClientFactory\s*\.\s*createStreamingIngestClient\s*\(/g, queued: 'IngestClientFactory.createClient (queued)' },
];

function commentLine(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^\s*(?:\/\/|#|\*|\/\*)/.test(text.slice(lineStart, offset));
}

export function hasManagedIdentityUri(text: string): boolean {
  MI_URI.lastIndex = 0;
  return MI_URI.test(text);
}

export function queuedOnlyFindings(text: string): CodeFinding[] {
  if (!hasManagedIdentityUri(text)) return [];
  const out: CodeFinding[] = [];
  for (const { re, queued } of NON_QUEUED) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (commentLine(text, m.index)) continue;
      const name = m[0].replace(/\s*\($/, '').replace(/^new\s+/, '');
      out.push({
        ruleId: 'mi-requires-queued-ingestion', start: m.index + (m[0].startsWith('new') ? 4 : 0), end: m.index + m[0].replace(/\s*\($/, '').length,
        message: `${name} does not ingest a ";managed_identity=" blob URI: only queued ingestion passes the URI to the service, which reads the blob with the cluster's managed identity. Use ${queued}.`,
      });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

export function clientIdFindings(text: string, identities: readonly KnownIdentity[]): CodeFinding[] {
  const byClient = new Map(identities.filter((i) => i.clientId).map((i) => [i.clientId!.toLowerCase(), i]));
  const objectIds = new Set(identities.map((i) => i.objectId.toLowerCase()));
  if (byClient.size === 0) return [];
  const out: CodeFinding[] = [];
  MI_URI.lastIndex = 0;
  for (let m = MI_URI.exec(text); m; m = MI_URI.exec(text)) {
    const id = m[1].toLowerCase();
    const identity = byClient.get(id);
    if (!identity || objectIds.has(id)) continue;
    const start = m.index + m[0].length - m[1].length;
    const name = identity.displayName ?? identity.objectId;
    out.push({
      ruleId: 'mi-client-id-used', start, end: start + m[1].length, objectId: identity.objectId.toLowerCase(), identityName: name,
      message: `${m[1]} is the client id of ${name}; ";managed_identity=" takes its object (principal) id, ${identity.objectId.toLowerCase()}. The client id is for SDK sign-in.`,
    });
  }
  return out;
}
