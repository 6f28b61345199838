import assert from 'node:assert/strict';
import type { PermissionSet } from '../../../src/clients/arm/roleDefinitions';
import { actionMatches, BLOB_READ_ACTION, grantsBlobRead, grantsDataAction, isControlPlaneOnly } from '../../../src/readiness/core/permissions';
import { builtInRoleDefinitions, ROLE_IDS } from '../../servers/arm/roles';

const perms = (p: Partial<PermissionSet>): PermissionSet[] => [{ actions: [], notActions: [], dataActions: [], notDataActions: [], ...p }];
const builtIn = (id: string): PermissionSet[] => builtInRoleDefinitions().find((d) => d.name === id)!.permissions;

describe('readiness/permissions', () => {
  it('matches actions case-insensitively, with * standing for any text', () => {
    assert.equal(actionMatches('Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*', BLOB_READ_ACTION), true);
    assert.equal(actionMatches('*', BLOB_READ_ACTION), true);
    assert.equal(actionMatches('microsoft.storage/*/read', BLOB_READ_ACTION), true);
    assert.equal(actionMatches('Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write', BLOB_READ_ACTION), false);
    assert.equal(actionMatches('Microsoft.Storage/storageAccounts/blobServices/containers/read', BLOB_READ_ACTION), false, 'the container read is not the blob read');
    assert.equal(actionMatches('Microsoft.Storage.storageAccounts', 'MicrosoftXStorage.storageAccounts'), false, 'dots are literal');
  });

  it('decides by data actions: the Storage Blob Data roles read blobs', () => {
    assert.equal(grantsBlobRead(builtIn(ROLE_IDS.storageBlobDataReader)), true);
    assert.equal(grantsBlobRead(builtIn(ROLE_IDS.storageBlobDataContributor)), true);
    assert.equal(grantsBlobRead(builtIn(ROLE_IDS.storageBlobDataOwner)), true, 'blobs/* covers read');
  });

  it('Owner, Contributor, Reader and Storage Account Contributor cannot read blob data (control plane only)', () => {
    for (const id of [ROLE_IDS.owner, ROLE_IDS.contributor, ROLE_IDS.reader, ROLE_IDS.storageAccountContributor]) {
      assert.equal(grantsBlobRead(builtIn(id)), false, id);
      assert.equal(isControlPlaneOnly(builtIn(id)), true, id);
    }
    assert.equal(isControlPlaneOnly(builtIn(ROLE_IDS.storageBlobDataReader)), false);
  });

  it('a wildcard data action grants unless notDataActions takes the read away', () => {
    assert.equal(grantsBlobRead(perms({ dataActions: ['*'] })), true);
    assert.equal(grantsBlobRead(perms({ dataActions: ['*'], notDataActions: ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'] })), false);
    assert.equal(grantsBlobRead(perms({ dataActions: ['Microsoft.Storage/*'], notDataActions: ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*'] })), false);
    assert.equal(grantsBlobRead(perms({ dataActions: ['Microsoft.Storage/*'], notDataActions: ['Microsoft.Storage/storageAccounts/queueServices/*'] })), true);
  });

  it('notDataActions of one permission block do not cancel another block\'s grant', () => {
    const blocks: PermissionSet[] = [
      { actions: [], notActions: [], dataActions: ['*'], notDataActions: [BLOB_READ_ACTION] },
      { actions: [], notActions: [], dataActions: [BLOB_READ_ACTION], notDataActions: [] },
    ];
    assert.equal(grantsDataAction(blocks, BLOB_READ_ACTION), true);
  });
});
