// Masks credentials in text that leaves the process (output channel, error
// messages, CLI output). Deliberately broader than the finders: a false mask
// costs nothing, a leaked signature costs a key rotation.

const MASK = '***';

// A value runs until a separator; `%26` is an encoded `&`, so it ends the value too.
const VALUE = String.raw`(?:[A-Za-z0-9+/=_.~-]|%(?!26)[0-9A-Fa-f]{2})+`;

// [pattern, replacement, a literal the pattern needs: skips the regex when absent]
const RULES: ReadonlyArray<readonly [RegExp, string, string?]> = [
  // SAS signature, plain or URL-encoded (`sig=`, `sig%3D`).
  [new RegExp(String.raw`((?<![A-Za-z])sig(?:=|%3[dD]))${VALUE}`, 'gi'), `$1${MASK}`],
  // Connection-string keys (base64, sometimes URL-encoded). SharedAccessSignature= is covered by `sig=`.
  [/(\b(?:AccountKey|SharedAccessKey)\s*=\s*)(?:[A-Za-z0-9+/=]|%[0-9A-Fa-f]{2})+/gi, `$1${MASK}`],
  // HTTP authorization headers, as header lines or JSON/object properties.
  [/(\bauthorization["']?\s*[:=]\s*["']?)(?:(?:Bearer|Basic|SharedKey|SharedAccessSignature)\s+)?[^\s"',}]+/gi, `$1${MASK}`],
  [/(\bBearer\s+)[A-Za-z0-9._~+/-]+=*/g, `$1${MASK}`],
  // JWTs anywhere (access tokens, id tokens): header.payload.signature.
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, MASK, 'eyJ'],
  // A bare storage account key: 88 base64 characters ending in `==`.
  [/(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{86}==/g, MASK, '=='],
];

// Kusto's `;<account key>` and `;token=` suffixes. Matched from the `;` and
// checked backwards for a storage host, so a long line costs linear time.
const URI_SUFFIX = /;(?:token=[^;\s"'`<>]+|[A-Za-z0-9+/]{20,}={0,2}(?![A-Za-z0-9+/=]))/gi;

function afterStorageHost(text: string, at: number): boolean {
  const from = Math.max(0, at - 2048);
  let start = at;
  while (start > from && !/[\s"'`<>;]/.test(text[start - 1])) start--;
  const uri = text.slice(start, at);
  return uri.includes('.blob.') || uri.includes('.dfs.');
}

export function redactSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement, needs] of RULES) {
    if (needs === undefined || out.includes(needs)) out = out.replace(pattern, replacement);
  }
  if (out.includes(';')) {
    out = out.replace(URI_SUFFIX, (match: string, offset: number, whole: string) => (afterStorageHost(whole, offset) ? `;${MASK}` : match));
  }
  return out;
}
