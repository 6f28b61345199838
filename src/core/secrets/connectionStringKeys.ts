// Rules `storage-account-key` and `sas-blob-uri` for storage connection strings
// (`DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...;EndpointSuffix=...`,
// `BlobEndpoint=...;SharedAccessSignature=sv=...&sig=...`). A connection string
// has no managed-identity form, so these findings carry no fix: the message shows
// the blob URI form to switch to. A Cosmos DB connection string
// (`AccountEndpoint=https://...documents.azure.com...;AccountKey=`) is not a
// storage connection string: its key is `cosmos-account-key`'s, in Kusto commands only.

import type { Finding } from '../findings';
import type { AnalyzeOptions, TextAnalyzer } from '../scan/analyzer';
import { parseQuery } from '../blob/queryParams';
import { isPlaceholderValue } from '../blob/sasParameters';
import { EMULATOR_ACCOUNT, EMULATOR_ACCOUNT_KEY } from '../blob/storageHosts';
import { storageAdvice } from '../flows/advice';
import { flowAt } from '../flows/flowAt';
import type { ManagedIdentityFlow } from '../flows/flowForCommand';

const ANCHOR = 'AccountKey=';
const SAS_ANCHOR = 'SharedAccessSignature=';

function isBase64(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
}

/** Characters that end a connection string in source text. */
function isBoundary(c: number): boolean {
  return Number.isNaN(c) || c === 59 /* ; */ || c <= 32 || c === 34 || c === 39 || c === 96 || c === 92 || c === 44 || c === 41 || c === 60 || c === 38;
}

export function findConnectionStringKeys(text: string, options: AnalyzeOptions = {}): Finding[] {
  const findings: Finding[] = [];
  findings.push(...findConnectionStringSas(text, options));
  for (let at = text.indexOf(ANCHOR); at !== -1; at = text.indexOf(ANCHOR, at + ANCHOR.length)) {
    // `StorageAccountKey=` or `myAccountKey=` is some other setting, not a connection-string key.
    const before = text.charCodeAt(at - 1);
    if (at > 0 && ((before >= 65 && before <= 90) || (before >= 97 && before <= 122) || (before >= 48 && before <= 57) || before === 95)) continue;
    const start = at + ANCHOR.length;
    // Base64 body then at most two `=` of padding; real keys are 88 characters, so cap the walk.
    let end = start;
    while (end < text.length && end - start < 512 && isBase64(text.charCodeAt(end))) end++;
    if (text.charCodeAt(end) === 61) end++;
    if (text.charCodeAt(end) === 61) end++;
    const key = text.slice(start, end);
    // A key filled in at run time (`AccountKey=" + key`, `AccountKey={key}`) leaves nothing literal.
    if (key.length < 20 || !isBoundary(text.charCodeAt(end))) continue;
    if (isPlaceholderValue(key) || key === EMULATOR_ACCOUNT_KEY) continue;
    const fields = connectionStringAround(text, at);
    const account = fields.get('accountname');
    if (account?.toLowerCase() === EMULATOR_ACCOUNT) continue;
    if (isCosmos(fields)) continue;
    const flow = flowAt(text, at, options.fileName);
    findings.push({
      ruleId: 'storage-account-key', start, end, usage: flow?.usage, fixes: [],
      message: message(account, fields.get('endpointsuffix'), 'contains the account key (AccountKey=***), which grants full access to the account', 'rotate the key', flow),
    });
  }
  return findings.sort((a, b) => a.start - b.start);
}

/** Cosmos DB (`AccountEndpoint=`, a `documents.azure.com` host): not a storage account. */
function isCosmos(fields: Map<string, string>): boolean {
  if (fields.has('accountendpoint')) return true;
  return [...fields.values()].some((v) => /\.documents\.azure\.(com|us|cn)\b/i.test(v));
}

/** `SharedAccessSignature=sv=...&sig=...` in a storage connection string: a SAS, no rewrite. */
function findConnectionStringSas(text: string, options: AnalyzeOptions): Finding[] {
  const findings: Finding[] = [];
  for (let at = text.indexOf(SAS_ANCHOR); at !== -1; at = text.indexOf(SAS_ANCHOR, at + SAS_ANCHOR.length)) {
    const start = at + SAS_ANCHOR.length;
    let end = start;
    // The SAS runs to the end of the field; `&` separates its parameters.
    while (end < text.length && end - start < 2048) {
      const c = text.charCodeAt(end);
      if (isBoundary(c) && c !== 38 /* & */) break;
      end++;
    }
    const params = parseQuery(text, start, end);
    const sig = params.find((p) => p.name === 'sig');
    // Service Bus and Event Hubs SAS (`sr=...&sig=...&skn=...`) have no `sv=`: not storage.
    if (!sig || !params.some((p) => p.name === 'sv')) continue;
    if (isPlaceholderValue(text.slice(sig.valueStart, sig.valueEnd)) || sig.valueEnd - sig.valueStart < 16) continue;
    const fields = connectionStringAround(text, at);
    const endpoint = fields.get('blobendpoint') ?? fields.get('queueendpoint') ?? fields.get('tableendpoint') ?? fields.get('fileendpoint') ?? '';
    const host = /^https?:\/\/([a-z0-9-]{3,24})\.(?:blob|queue|table|file|dfs)\.([a-z0-9.]+?)\/?$/i.exec(endpoint);
    if (host?.[1].toLowerCase() === EMULATOR_ACCOUNT || /127\.0\.0\.1|localhost/i.test(endpoint)) continue;
    const flow = flowAt(text, at, options.fileName);
    findings.push({
      ruleId: 'sas-blob-uri', start, end, usage: flow?.usage, fixes: [],
      message: message(host?.[1], host?.[2], 'carries a SAS token (SharedAccessSignature=...&sig=***)', 'revoke the SAS', flow),
    });
  }
  return findings;
}

/** `key=value` fields of the connection string around `at`, keys lower-cased. */
function connectionStringAround(text: string, at: number): Map<string, string> {
  let s = at;
  while (s > 0 && at - s < 1024 && !isEdge(text.charCodeAt(s - 1))) s--;
  let e = at;
  while (e < text.length && e - at < 1024 && !isEdge(text.charCodeAt(e))) e++;
  const fields = new Map<string, string>();
  for (const part of text.slice(s, e).split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  return fields;
}

function isEdge(c: number): boolean {
  return c === 10 || c === 13 || c === 34 || c === 39 || c === 96;
}

function message(account: string | undefined, suffix: string | undefined, problem: string, afterwards: string, flow: ManagedIdentityFlow | undefined): string {
  const acct = account && /^[a-z0-9]{3,24}$/.test(account) ? account : undefined;
  const uri = `https://${acct ?? '<account>'}.blob.${suffix && /^[a-z0-9.]+$/i.test(suffix) ? suffix : 'core.windows.net'}/<container>/<blob>;managed_identity=system`;
  return `Storage connection string${acct ? ` for account '${acct}'` : ''} ${problem}. `
    + `${storageAdvice(flow, 'the connection string')}: pass blob URIs such as "${uri}"; then ${afterwards}. `
    + 'No automatic rewrite: a connection string has no managed-identity form.';
}

export const connectionStringKeyAnalyzer: TextAnalyzer = {
  id: 'connection-string-key',
  anchors: [ANCHOR, SAS_ANCHOR],
  lineLocal: false,
  analyze: findConnectionStringKeys,
};
