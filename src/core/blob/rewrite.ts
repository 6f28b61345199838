// Rewrites a storage URI to Kusto's managed-identity form: the SAS query or
// `;<account key>` is dropped, scheme/host/container/path are kept byte for
// byte, and `;managed_identity=<system|object id>` is appended.

import { isManagedIdentityReference } from '../identity';
import { scanStorageUris } from './scanStorageUris';
import { authOf, planRewrite, withManagedIdentity } from './storageUriAuth';

export type RewriteResult =
  | { readonly ok: true; readonly uri: string }
  | { readonly ok: false; readonly reason: string };

/**
 * Rewrites one URI (the whole string). `identity` is `system` or an object id.
 * A URI already in the managed-identity form comes back unchanged, so the
 * rewrite is idempotent; a plain URI gets the suffix appended.
 */
export function rewriteToManagedIdentity(uri: string, identity: string): RewriteResult {
  if (!isManagedIdentityReference(identity)) {
    return { ok: false, reason: 'the identity must be "system" or an object id (GUID).' };
  }
  const m = scanStorageUris(uri).find((x) => x.start === 0 && x.end === uri.length);
  if (!m) return { ok: false, reason: 'not an Azure Storage blob or ADLS URI.' };
  if (authOf(uri, m).kind === 'managed-identity') return { ok: true, uri };
  const kind = authOf(uri, m).kind;
  if (m.suffixStart !== undefined && kind !== 'account-key' && kind !== 'token') {
    return { ok: false, reason: 'the URI ends with a ";" suffix that is neither an account key, a token nor a managed identity.' };
  }
  const plan = planRewrite(uri, m);
  if ('reason' in plan) return { ok: false, reason: plan.reason };
  return { ok: true, uri: withManagedIdentity(plan.base, identity.toLowerCase()) };
}

/**
 * Rewrites every SAS and `;<key>` storage URI in `text` that can be rewritten
 * safely, leaving everything else (including URIs whose SAS is only a
 * placeholder) untouched.
 */
export function rewriteAllToManagedIdentity(text: string, identity: string): string {
  if (!isManagedIdentityReference(identity)) return text;
  let out = '';
  let last = 0;
  for (const m of scanStorageUris(text)) {
    const kind = authOf(text, m).kind;
    if (kind !== 'sas' && kind !== 'account-key' && kind !== 'token') continue;
    const plan = planRewrite(text, m);
    if ('reason' in plan) continue;
    out += text.slice(last, m.start) + withManagedIdentity(plan.base, identity.toLowerCase());
    last = m.end;
  }
  return last === 0 ? text : out + text.slice(last);
}
