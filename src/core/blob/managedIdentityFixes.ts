// The quick fixes every credential finding offers: the system-assigned identity
// first (preferred, so fix-all and `cli --fix` pick it), then each known
// user-assigned identity. Shared by the editor and the CLI, so both write the same text.

import type { FindingFix } from '../findings';
import { isGuid, type KnownIdentity } from '../identity';
import { withManagedIdentity } from './storageUriAuth';

export const SYSTEM_IDENTITY_TITLE = "Use the cluster's system-assigned managed identity";

/**
 * Fixes for one credential: `render(identity)` gives the replacement for the
 * system identity (`system`) or an object id. The system-assigned identity is
 * offered once, as `system`, even when a cluster lists it by object id too.
 */
export function identityFixes(
  start: number,
  end: number,
  render: (identity: string) => string,
  identities: readonly KnownIdentity[] = [],
): FindingFix[] {
  const fixes: FindingFix[] = [{
    title: SYSTEM_IDENTITY_TITLE,
    edits: [{ start, end, newText: render('system') }],
    isPreferred: true,
    identity: 'system',
  }];
  const seen = new Set<string>();
  for (const identity of identities) {
    if (identity.kind === 'system') continue;
    // Only a GUID is accepted after `;managed_identity=`; anything else would break ingestion.
    const id = identity.objectId.toLowerCase();
    if (!isGuid(id) || seen.has(id)) continue;
    seen.add(id);
    const name = identity.displayName?.trim();
    fixes.push({
      title: name ? `Use managed identity ${name} (${id})` : `Use managed identity ${id}`,
      edits: [{ start, end, newText: render(id) }],
      identity: id,
    });
  }
  return fixes;
}

export function managedIdentityFixes(
  start: number,
  end: number,
  base: string,
  identities: readonly KnownIdentity[] = [],
): FindingFix[] {
  return identityFixes(start, end, (identity) => withManagedIdentity(base, identity), identities);
}
