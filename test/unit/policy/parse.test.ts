import assert from 'node:assert/strict';
import { parsePolicyRows, parsePolicyValue, PolicyParseError } from '../../../src/core/policy/parse';

const ENTRY = {
  ObjectId: '6a5820b9-fdf6-4cc4-81b9-b416b444fd6d',
  ClientId: 'c0ffee00-1234-4abc-8def-00000000a001',
  TenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  DisplayName: 'ingest-mi',
  IsSystem: false,
  AllowedUsages: 'NativeIngestion, ExternalTable',
};

describe('policy/parse', () => {
  it('reads the grammar shape: Policy as a JSON string', () => {
    const rows = [{ PolicyName: 'ManagedIdentityPolicy', EntityName: '[Sales]', Policy: JSON.stringify([ENTRY]), ChildEntities: '[]', EntityType: 'Database' }];
    assert.deepEqual(parsePolicyRows(rows), [{ ...ENTRY, AllowedUsages: ['NativeIngestion', 'ExternalTable'] }]);
  });

  it('reads the documented shape: Policies, already an array', () => {
    const rows = [{ EntityName: '[Sales]', Policies: [ENTRY] }];
    assert.deepEqual(parsePolicyRows(rows)?.[0].AllowedUsages, ['NativeIngestion', 'ExternalTable']);
  });

  it('finds the column by name whatever the column order or case', () => {
    assert.equal(parsePolicyRows([{ policies: JSON.stringify([ENTRY]), EntityName: '' }])?.length, 1);
  });

  it('gives null when there is no policy (null cell, empty string, no rows)', () => {
    assert.equal(parsePolicyRows([{ Policy: null }]), null);
    assert.equal(parsePolicyRows([{ Policy: '' }]), null);
    assert.equal(parsePolicyRows([{ Policy: 'null' }]), null);
    assert.equal(parsePolicyRows([]), null);
  });

  it('keeps an empty array as an empty policy, not as none', () => {
    assert.deepEqual(parsePolicyRows([{ Policy: '[]' }]), []);
  });

  it('accepts IsSystem as a string and AllowedUsages as a list', () => {
    const [e] = parsePolicyValue([{ ObjectId: 'system', IsSystem: 'true', AllowedUsages: ['NativeIngestion'] }])!;
    assert.equal(e.IsSystem, true);
    assert.deepEqual(e.AllowedUsages, ['NativeIngestion']);
  });

  it('throws a clear PolicyParseError for malformed JSON', () => {
    assert.throws(() => parsePolicyRows([{ Policy: '[{"ObjectId": ' }]), (e: Error) =>
      e instanceof PolicyParseError && /not valid JSON/.test(e.message));
  });

  it('throws when an entry has no ObjectId or is not an object', () => {
    assert.throws(() => parsePolicyValue('[{"AllowedUsages": "All"}]'), /no ObjectId/);
    assert.throws(() => parsePolicyValue('[42]'), /not an object/);
    assert.throws(() => parsePolicyValue('[{"ObjectId": "x", "AllowedUsages": 3}]'), /AllowedUsages/);
  });

  it('throws when neither policy column is there', () => {
    assert.throws(() => parsePolicyRows([{ EntityName: 'x' }]), /neither a Policy nor a Policies column/);
  });
});
