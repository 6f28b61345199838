import assert from 'node:assert/strict';
import { appliesToBlob, describeScope, isAtOrAbove } from '../../../src/readiness/core/scopes';

const SUB = '/subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333';
const RG = `${SUB}/resourceGroups/rg-kusto-demo`;
const ACCOUNT = `${RG}/providers/Microsoft.Storage/storageAccounts/contosodata`;

describe('readiness/scopes', () => {
  it('an assignment on the account, its resource group, subscription or root applies (case-insensitive)', () => {
    for (const scope of [ACCOUNT, RG, SUB, '/', ACCOUNT.toUpperCase(), `${RG}/`]) assert.equal(appliesToBlob(scope, ACCOUNT, 'returns'), true, scope);
  });

  it('the blob\'s own container applies; another container, another account or group does not', () => {
    assert.equal(appliesToBlob(`${ACCOUNT}/blobServices/default/containers/returns`, ACCOUNT, 'returns'), true);
    assert.equal(appliesToBlob(`${ACCOUNT}/blobServices/default/containers/orders`, ACCOUNT, 'returns'), false);
    assert.equal(appliesToBlob(`${RG}/providers/Microsoft.Storage/storageAccounts/contosodata2`, ACCOUNT, 'returns'), false);
    assert.equal(appliesToBlob(`${SUB}/resourceGroups/rg-kusto`, ACCOUNT, 'returns'), false, 'segments, not string prefixes');
    assert.equal(isAtOrAbove(ACCOUNT, RG), false);
  });

  it('describes scopes in words, with subscription names when known', () => {
    assert.equal(describeScope(ACCOUNT), 'storage account contosodata');
    assert.equal(describeScope(RG), 'resource group rg-kusto-demo');
    assert.equal(describeScope(SUB, new Map([['0b1f6471-1bf0-4dda-aec3-111122223333', 'Contoso Analytics']])), 'subscription Contoso Analytics (0b1f6471-1bf0-4dda-aec3-111122223333)');
    assert.equal(describeScope(`${ACCOUNT}/blobServices/default/containers/returns`), "container 'returns' of storage account contosodata");
    assert.equal(describeScope('/providers/Microsoft.Management/managementGroups/contoso'), 'management group contoso');
    assert.equal(describeScope('/'), 'the root scope (/)');
  });
});
