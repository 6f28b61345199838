import assert from 'node:assert/strict';
import { allowsUsage, effectiveUsage, matchesIdentity } from '../../../src/core/policy/evaluate';
import type { PolicyEntry } from '../../../src/core/policy/model';

const SYSTEM = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const INGEST = '6a5820b9-fdf6-4cc4-81b9-b416b444fd6d';
const system = (...usages: string[]): PolicyEntry => ({ ObjectId: SYSTEM, IsSystem: true, AllowedUsages: usages });
const ingest = (...usages: string[]): PolicyEntry => ({ ObjectId: INGEST, IsSystem: false, AllowedUsages: usages });

describe('policy/evaluate', () => {
  it('matches `system` to the entry the service shows by GUID with IsSystem', () => {
    assert.equal(matchesIdentity(system('All'), 'system'), true);
    assert.equal(matchesIdentity(system('All'), SYSTEM.toUpperCase()), true);
    assert.equal(matchesIdentity(ingest('All'), 'system'), false);
  });

  it('matches an unresolved `system` entry to the system GUID when it is known', () => {
    const e: PolicyEntry = { ObjectId: 'system', AllowedUsages: ['NativeIngestion'] };
    assert.equal(matchesIdentity(e, SYSTEM), false);
    assert.equal(matchesIdentity(e, SYSTEM, { systemObjectId: SYSTEM }), true);
  });

  it('allowsUsage: by name (any case), by All, not by another usage', () => {
    assert.equal(allowsUsage([ingest('NativeIngestion')], INGEST, 'nativeingestion'), true);
    assert.equal(allowsUsage([ingest('All')], INGEST, 'NativeIngestion'), true);
    assert.equal(allowsUsage([ingest('ExternalTable')], INGEST, 'NativeIngestion'), false);
    assert.equal(allowsUsage(null, INGEST, 'NativeIngestion'), false);
  });

  it('effectiveUsage: database first, then inherited from the cluster, else none', () => {
    assert.equal(effectiveUsage({ cluster: [ingest('NativeIngestion')], database: [system('NativeIngestion')] }, 'system', 'NativeIngestion'), 'database');
    assert.equal(effectiveUsage({ cluster: [ingest('NativeIngestion')], database: [system('ExternalTable')] }, INGEST, 'NativeIngestion'), 'cluster');
    assert.equal(effectiveUsage({ cluster: null, database: [system('ExternalTable')] }, 'system', 'NativeIngestion'), 'none');
  });
});
