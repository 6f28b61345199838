// An identity the extension knows about: from the `kustoMi.identities` setting
// or from a cluster's ARM `identity` block. `objectId` is the principal id that
// goes into policies and into `;managed_identity=<objectId>`.
export interface KnownIdentity {
  readonly objectId: string;
  readonly displayName?: string;
  readonly clientId?: string;
  /** Cluster URL the identity is assigned to, when known. */
  readonly cluster?: string;
  /** `system` for the cluster's system-assigned identity (quick fixes offer it once, as `system`). */
  readonly kind?: 'system' | 'userAssigned' | 'unknown';
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

/** `system` or a GUID: the only values accepted after `;managed_identity=`. */
export function isManagedIdentityReference(value: string): boolean {
  return value.toLowerCase() === 'system' || isGuid(value);
}
