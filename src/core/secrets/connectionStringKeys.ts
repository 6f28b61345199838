// Rule `storage-account-key` for storage connection strings
// (`DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...;EndpointSuffix=...`).
// A connection string has no managed-identity form, so these findings carry no fix:
// the message shows the blob URI form to switch to.

import type { Finding } from '../findings';
import type { AnalyzeOptions, TextAnalyzer } from '../scan/analyzer';
import { isPlaceholderValue } from '../blob/sasParameters';
import { EMULATOR_ACCOUNT, EMULATOR_ACCOUNT_KEY } from '../blob/storageHosts';

const ANCHOR = 'AccountKey=';

function isBase64(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
}

/** Characters that end a connection string in source text. */
function isBoundary(c: number): boolean {
  return Number.isNaN(c) || c === 59 /* ; */ || c <= 32 || c === 34 || c === 39 || c === 96 || c === 92 || c === 44 || c === 41 || c === 60 || c === 38;
}

export function findConnectionStringKeys(text: string, _options: AnalyzeOptions = {}): Finding[] {
  const findings: Finding[] = [];
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
    findings.push({ ruleId: 'storage-account-key', start, end, message: message(account, fields.get('endpointsuffix')), fixes: [] });
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

function message(account: string | undefined, suffix: string | undefined): string {
  const acct = account && /^[a-z0-9]{3,24}$/.test(account) ? account : undefined;
  const uri = `https://${acct ?? '<account>'}.blob.${suffix && /^[a-z0-9.]+$/i.test(suffix) ? suffix : 'core.windows.net'}/<container>/<blob>;managed_identity=system`;
  return `Storage connection string${acct ? ` for account '${acct}'` : ''} contains the account key (AccountKey=***), `
    + 'which grants full access to the account. Let Kusto read the blobs with its managed identity instead: grant the identity '
    + `"Storage Blob Data Reader" on the account and pass blob URIs such as "${uri}"; then rotate the key. `
    + 'No automatic rewrite: a connection string has no managed-identity form.';
}

export const connectionStringKeyAnalyzer: TextAnalyzer = {
  id: 'connection-string-key',
  anchors: [ANCHOR],
  lineLocal: true,
  analyze: findConnectionStringKeys,
};
