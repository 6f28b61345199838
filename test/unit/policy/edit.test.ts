import assert from 'node:assert/strict';
import { mergeUsages, removeEntry, removeUsage, toPolicyInputs } from '../../../src/core/policy/edit';
import type { PolicyEntry } from '../../../src/core/policy/model';

const SYSTEM = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const INGEST = '6a5820b9-fdf6-4cc4-81b9-b416b444fd6d';
const policy: PolicyEntry[] = [
  { ObjectId: SYSTEM, IsSystem: true, DisplayName: 'demo', AllowedUsages: ['NativeIngestion', 'ExternalTable'] },
  { ObjectId: INGEST, IsSystem: false, AllowedUsages: ['NativeIngestion'] },
];

describe('policy/edit', () => {
  it('mergeUsages unites usages of the same identity, case-insensitively, keeping other fields', () => {
    const next = mergeUsages(policy, 'system', ['externaltable', 'SqlRequest']);
    assert.deepEqual(next[0].AllowedUsages, ['NativeIngestion', 'ExternalTable', 'SqlRequest']);
    assert.equal(next[0].DisplayName, 'demo');
    assert.deepEqual(policy[0].AllowedUsages, ['NativeIngestion', 'ExternalTable'], 'input untouched');
  });

  it('mergeUsages appends a new identity, also to no policy at all', () => {
    const id = '9d7c1e44-2b6a-4f0e-b3d1-5e8f7a6b4c21';
    assert.deepEqual(mergeUsages(null, id, ['ExportRequest']), [{ ObjectId: id, AllowedUsages: ['ExportRequest'] }]);
    assert.equal(mergeUsages(policy, id, ['ExportRequest']).length, 3);
  });

  it('removeUsage drops one usage, and the entry when nothing is left', () => {
    const once = removeUsage(policy, SYSTEM, 'NativeIngestion');
    assert.deepEqual(once[0].AllowedUsages, ['ExternalTable']);
    const twice = removeUsage(once, 'system', 'ExternalTable');
    assert.deepEqual(twice.map((e) => e.ObjectId), [INGEST]);
  });

  it('removeUsage does not turn All into "all but one"', () => {
    const all: PolicyEntry[] = [{ ObjectId: INGEST, AllowedUsages: ['All'] }];
    assert.deepEqual(removeUsage(all, INGEST, 'NativeIngestion'), all);
  });

  it('removeEntry drops the identity; toPolicyInputs keeps only settable fields', () => {
    assert.deepEqual(removeEntry(policy, 'system').map((e) => e.ObjectId), [INGEST]);
    assert.deepEqual(toPolicyInputs(policy)[0], { ObjectId: SYSTEM, AllowedUsages: ['NativeIngestion', 'ExternalTable'] });
  });
});
