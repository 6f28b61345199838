// The quick fixes every credential finding offers: the system-assigned identity
// first (preferred, so fix-all and `cli --fix` pick it), then each known
// user-assigned identity. Shared by the editor and the CLI, so both write the same text.

import type { FindingFix } from '../findings';
import { isGuid, type KnownIdentity } from '../identity';
import { withManagedIdentity } from './storageUriAuth';

export const SYSTEM_IDENTITY_TITLE = "Use the cluster's system-assigned managed identity";

export function managedIdentityFixes(
  start: number,
  end: number,
  base: string,
  identities: readonly KnownIdentity[] = [],
): FindingFix[] {
  const fixes: FindingFix[] = [{
    title: SYSTEM_IDENTITY_TITLE,
    edits: [{ start, end, newText: withManagedIdentity(base, 'system') }],
    isPreferred: true,
  }];
  const seen = new Set<string>();
  for (const identity of identities) {
    // Only a GUID is accepted after `;managed_identity=`; anything else would break ingestion.
    const id = identity.objectId.toLowerCase();
    if (!isGuid(id) || seen.has(id)) continue;
    seen.add(id);
    const name = identity.displayName?.trim();
    fixes.push({
      title: name ? `Use managed identity ${name} (${id})` : `Use managed identity ${id}`,
      edits: [{ start, end, newText: withManagedIdentity(base, id) }],
    });
  }
  return fixes;
}
