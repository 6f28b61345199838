// How a matched storage URI is authorised, and whether it can be rewritten to
// the managed-identity form without changing which blob it names.

import { isSasParameter, isPlaceholderValue } from './sasParameters';
import type { StorageUriMatch } from './scanStorageUris';
import { EMULATOR_ACCOUNT, EMULATOR_ACCOUNT_KEY } from './storageHosts';

export type StorageUriAuth =
  /** A literal SAS: `sig=` with a real-looking value and `sv=`. */
  | { readonly kind: 'sas' }
  /** Kusto's `;<account key>` suffix, or ADLS Gen2's `;sharedkey=<key>`. */
  | { readonly kind: 'account-key'; readonly keyStart: number; readonly keyEnd: number; readonly sharedKey?: boolean }
  /** `;token=<Microsoft Entra access token>`. */
  | { readonly kind: 'token' }
  /** Already `;managed_identity=...`. */
  | { readonly kind: 'managed-identity' }
  /** No credential in the literal (placeholders, SAS joined at run time, plain URI, other suffixes). */
  | { readonly kind: 'none' };

// Storage account keys are 64 random bytes: 88 base64 characters ending in `==`.
// Accept shorter fake-but-realistic keys too, but insist on base64 with padding.
const ACCOUNT_KEY = /^[A-Za-z0-9+/]{40,}={1,2}$/;

export function isAccountKeyLike(value: string): boolean {
  return ACCOUNT_KEY.test(value) && value !== EMULATOR_ACCOUNT_KEY;
}

// An Entra access token: a JWT (three base64url parts), or at least a long
// opaque base64 value. Placeholders (`{AadToken}`, `...`) stay quiet.
const JWT = /^eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*$/;
const OPAQUE_TOKEN = /^[A-Za-z0-9+/_.-]{40,}={0,2}$/;

export function isTokenLike(value: string): boolean {
  if (isPlaceholderValue(value)) return false;
  return JWT.test(value) || (OPAQUE_TOKEN.test(value) && /\d/.test(value) && /[A-Za-z]/.test(value));
}

export function authOf(text: string, m: StorageUriMatch): StorageUriAuth {
  if (m.account.toLowerCase() === EMULATOR_ACCOUNT) return { kind: 'none' };
  const sig = m.params.find((p) => p.name === 'sig');
  if (sig && m.params.some((p) => p.name === 'sv')) {
    return isPlaceholderValue(text.slice(sig.valueStart, sig.valueEnd)) ? { kind: 'none' } : { kind: 'sas' };
  }
  if (m.suffixStart !== undefined) {
    const suffix = text.slice(m.suffixStart + 1, m.end);
    if (/^managed_identity=/i.test(suffix)) return { kind: 'managed-identity' };
    if (isAccountKeyLike(suffix)) return { kind: 'account-key', keyStart: m.suffixStart + 1, keyEnd: m.end };
    const shared = /^sharedkey=/i.exec(suffix);
    if (shared && isAccountKeyLike(suffix.slice(shared[0].length))) {
      return { kind: 'account-key', keyStart: m.suffixStart + 1 + shared[0].length, keyEnd: m.end, sharedKey: true };
    }
    const token = /^token=/i.exec(suffix);
    if (token && isTokenLike(suffix.slice(token[0].length))) return { kind: 'token' };
  }
  return { kind: 'none' };
}

/** The URI up to its query or `;` suffix, or why the managed-identity form would not name the same blob. */
export type RewritePlan = { readonly base: string } | { readonly reason: string };

export function planRewrite(text: string, m: StorageUriMatch): RewritePlan {
  if (m.encoded) {
    return { reason: 'the URI is URL-encoded inside another value; decode it, then replace the credential by hand.' };
  }
  if (m.queryStart !== undefined && m.suffixStart !== undefined) {
    return { reason: `the URI has both a query and a "${text.slice(m.suffixStart, m.suffixStart + 1)}..." suffix; remove the credential by hand.` };
  }
  const extra = [...new Set(m.params.filter((p) => p.name !== '' && !isSasParameter(p.name)).map((p) => p.name))];
  if (extra.length > 0) {
    const names = extra.slice(0, 5).map(shownParameterName).join(', ');
    return { reason: `the query also holds ${names}, which ${extra.length === 1 ? 'is' : 'are'} not part of the SAS and cannot be carried by a managed-identity URI; rewrite it by hand.` };
  }
  const base = text.slice(m.start, m.baseEnd);
  if (m.fileSystem === undefined && containerOf(text.slice(m.hostEnd, m.baseEnd)) === '') {
    return { reason: 'the URI names no container, so there is no blob for a managed identity to read; remove the credential and rotate it.' };
  }
  if (/sig(=|%3d)/i.test(base)) {
    return { reason: 'the path itself contains "sig="; rewrite it by hand.' };
  }
  return { base };
}

/**
 * A query parameter's name as a message may show it. Names come from the
 * scanned text and are unbounded: a long one is cut, and one that looks like a
 * credential (a long run of letters and digits, as a pasted key would be) is masked.
 */
export function shownParameterName(name: string): string {
  const plain = name.replace(/[^a-z0-9_.-]/g, '');
  if (/[a-z0-9]{16,}/.test(plain) && /\d/.test(plain)) return '"***"';
  return plain.length > 24 ? `"${plain.slice(0, 20)}..."` : `"${plain}"`;
}

/** First path segment (the container) of a path such as `/c/dir/f.csv`. */
export function containerOf(path: string): string {
  const rest = path.startsWith('/') ? path.slice(1) : path;
  const slash = rest.indexOf('/');
  return slash === -1 ? rest : rest.slice(0, slash);
}

export function withManagedIdentity(base: string, identity: string): string {
  return `${base};managed_identity=${identity}`;
}
