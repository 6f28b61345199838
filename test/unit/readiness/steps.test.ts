import assert from 'node:assert/strict';
import type { PolicyEntry } from '../../../src/core/policy/model';
import { identityStep } from '../../../src/readiness/core/identityStep';
import { policyStep } from '../../../src/readiness/core/policyStep';
import { uriStep } from '../../../src/readiness/core/uriStep';

const SYSTEM = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const INGEST = '6a5820b9-fdf6-4cc4-81b9-b416b444fd6d';
const SAS = 'https://contosodata.blob.core.windows.net/orders/2026/orders.csv?sv=2022-11-02&sp=r&se=2027-01-01T00:00:00Z&sig=Xy7Fake0SignatureForTestsOnly1234567890abcdE%3D';

describe('readiness/steps', () => {
  it('uri: a managed-identity URI passes and names the identity', () => {
    const { step, facts } = uriStep(`https://contosodata.blob.core.windows.net/returns/r.csv;managed_identity=${INGEST.toUpperCase()}`, 'system');
    assert.equal(step.verdict, 'pass');
    assert.equal(facts.identity, INGEST);
    assert.deepEqual(step.evidence.slice(0, 3).map((e) => e.value), ['contosodata (blob.core.windows.net)', 'returns', 'r.csv']);
  });

  it('uri: a SAS URI fails with the rewrite to the chosen identity', () => {
    const { step, facts } = uriStep(SAS, INGEST);
    assert.equal(step.verdict, 'fail');
    assert.equal(facts.identity, undefined);
    assert.match(step.summary, /SAS token \(sig=\*\*\*\)/);
    assert.deepEqual(step.fix, {
      kind: 'rewriteUri', title: `Rewrite the URI to ;managed_identity=${INGEST}`, identity: INGEST,
      newUri: `https://contosodata.blob.core.windows.net/orders/2026/orders.csv;managed_identity=${INGEST}`,
    });
  });

  it('uri: not a storage URI, or a bad identity value, fails without a fix', () => {
    assert.equal(uriStep('https://example.com/x.csv', 'system').step.verdict, 'fail');
    const bad = uriStep('https://a.blob.core.windows.net/c/f;managed_identity=ingest-mi', 'system').step;
    assert.equal(bad.verdict, 'fail');
    assert.equal(bad.fix, undefined);
    assert.match(bad.summary, /neither "system" nor an object id/);
  });

  it('identity: ARM decides; a policy entry alone is evidence, not proof', () => {
    const identities = [
      { kind: 'system' as const, objectId: SYSTEM },
      { kind: 'userAssigned' as const, objectId: INGEST, displayName: 'ingest-mi', resourceId: '/x/ingest-mi' },
    ];
    const ok = { kind: 'ok' as const, resourceId: '/subscriptions/s/resourceGroups/g/providers/Microsoft.Kusto/clusters/c', identities };
    assert.equal(identityStep('system', ok, undefined).verdict, 'pass');
    assert.equal(identityStep(INGEST, ok, undefined).verdict, 'pass');
    assert.equal(identityStep('11111111-2222-4333-8444-555555555555', ok, undefined).verdict, 'fail');
    assert.equal(identityStep('system', { ...ok, identities: identities.slice(1) }, undefined).verdict, 'fail');
    const entry: PolicyEntry = { ObjectId: INGEST, DisplayName: 'ingest-mi', AllowedUsages: ['NativeIngestion'] };
    const unknown = identityStep(INGEST, { kind: 'unavailable', reason: 'no resource id' }, entry);
    assert.equal(unknown.verdict, 'unknown');
    assert.equal(unknown.reason, 'no resource id');
    assert.match(unknown.evidence[0].value, /suggests but does not prove/);
  });

  it('policy: database first, then inherited from the cluster; else a grant fix for the database', () => {
    const system: PolicyEntry = { ObjectId: SYSTEM, IsSystem: true, AllowedUsages: ['NativeIngestion'] };
    const ingestCluster: PolicyEntry = { ObjectId: INGEST, AllowedUsages: ['NativeIngestion'] };
    const db = policyStep('system', 'the system-assigned identity', 'Telemetry', { kind: 'ok', cluster: [ingestCluster], database: [system] }, {});
    assert.equal(db.verdict, 'pass');
    assert.match(db.summary, /policy of database 'Telemetry' allows/);
    assert.doesNotMatch(db.summary, /'s own/);
    const inherited = policyStep(INGEST, 'ingest-mi', 'Sales', { kind: 'ok', cluster: [ingestCluster], database: [system] }, {});
    assert.equal(inherited.verdict, 'pass');
    assert.match(inherited.summary, /inherits it/);
    const missing = policyStep('system', 'the system-assigned identity', 'Sales', { kind: 'ok', cluster: null, database: [{ ...system, AllowedUsages: ['ExternalTable'] }] }, {});
    assert.equal(missing.verdict, 'fail');
    assert.match(missing.summary, /allows only ExternalTable/);
    assert.equal(missing.fix?.kind, 'grantUsage');
    assert.equal(missing.fix?.kind === 'grantUsage' && missing.fix.command,
      `.alter-merge database ['Sales'] policy managed_identity "[ { 'ObjectId' : 'system', 'AllowedUsages' : 'NativeIngestion' } ]"`);
    assert.equal(policyStep('system', 's', 'Sales', { kind: 'unavailable', reason: 'HTTP 403' }, {}).verdict, 'unknown');
  });
});
