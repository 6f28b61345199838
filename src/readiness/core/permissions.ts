// Whether a role lets its holder read blob data, decided from the role
// definition's data actions, never from its name. Azure's effective data
// permissions are the union over the definition's `permissions` items of
// dataActions minus that item's notDataActions, with `*` as a wildcard. Owner
// and Contributor hold `*` *actions* (control plane) and no dataActions: they
// manage the account but cannot read a blob.
import type { PermissionSet } from '../../clients/arm/roleDefinitions';

export const BLOB_READ_ACTION = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read';
export const BLOB_WRITE_ACTION = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write';
export const BLOB_DELETE_ACTION = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete';

/** Built-in roles the check names. */
export const ROLES = {
  storageBlobDataReader: { id: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1', name: 'Storage Blob Data Reader' },
  storageBlobDataContributor: { id: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe', name: 'Storage Blob Data Contributor' },
  storageBlobDataOwner: { id: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b', name: 'Storage Blob Data Owner' },
  owner: { id: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635', name: 'Owner' },
  contributor: { id: 'b24988ac-6180-41ba-b6b6-6ba4c1c4c95e', name: 'Contributor' },
} as const;

/** Owner and Contributor: the roles people grant expecting them to cover blob reads. */
export const TRAP_ROLE_IDS: ReadonlySet<string> = new Set([ROLES.owner.id, ROLES.contributor.id]);

const patterns = new Map<string, RegExp>();

/** Case-insensitive match of an action against a pattern where `*` stands for any text. */
export function actionMatches(pattern: string, action: string): boolean {
  let re = patterns.get(pattern);
  if (!re) {
    re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*')}$`, 'i');
    patterns.set(pattern, re);
  }
  return re.test(action);
}

export function grantsDataAction(permissions: readonly PermissionSet[], action: string): boolean {
  return permissions.some((p) => p.dataActions.some((d) => actionMatches(d, action)) && !p.notDataActions.some((n) => actionMatches(n, action)));
}

export function grantsBlobRead(permissions: readonly PermissionSet[]): boolean {
  return grantsDataAction(permissions, BLOB_READ_ACTION);
}

/** Management rights only: some actions, no data actions at all. */
export function isControlPlaneOnly(permissions: readonly PermissionSet[]): boolean {
  return permissions.some((p) => p.actions.length > 0) && permissions.every((p) => p.dataActions.length === 0);
}

/** The GUID at the end of a role definition id. */
export function roleGuid(roleDefinitionId: string): string {
  return (roleDefinitionId.split('/').pop() ?? roleDefinitionId).toLowerCase();
}
