// Whether the policies the Clusters view read already allow a flow's usage for
// the identity a quick fix writes: the words titles and hovers append.

import assert from 'node:assert/strict';
import { addToHoverLead, identityAllowanceNote, policyHoverLines, usageAllowances, type ClusterPolicies } from '../../../src/core/flows/policyAllowance';

const SYSTEM_ID = '11111111-2222-3333-4444-555555555555';
const INGEST_ID = '6a58b3d2-0000-4000-8000-000000000001';
const OTHER = 'https://other.kusto.windows.net';

const demo: ClusterPolicies = {
  url: 'https://demo.kusto.windows.net',
  label: 'demo',
  systemObjectId: SYSTEM_ID,
  cluster: [{ ObjectId: SYSTEM_ID, IsSystem: true, AllowedUsages: ['NativeIngestion'] }],
  databases: [
    { name: 'Telemetry', policy: [{ ObjectId: INGEST_ID, AllowedUsages: ['ExportRequest'] }] },
    { name: 'Sales', policy: null },
  ],
};

describe('policy allowance of a flow', () => {
  it('system identity: allowed on the cluster, or not yet allowed with the command to run', () => {
    assert.equal(identityAllowanceNote([demo], 'system', 'NativeIngestion'), 'NativeIngestion allowed on cluster demo');
    assert.equal(identityAllowanceNote([demo], 'system', 'ExportRequest'), 'ExportRequest not yet allowed on cluster demo — run Allow Usages');
    // The system identity listed by its object id, or by `system` in the policy.
    const bySystem = { ...demo, systemObjectId: undefined, cluster: [{ ObjectId: 'system', AllowedUsages: ['All'] }] };
    assert.equal(identityAllowanceNote([bySystem], 'system', 'SqlRequest'), 'SqlRequest allowed on cluster demo');
  });

  it('a user-assigned identity allowed only in some databases; only on the cluster it is assigned to', () => {
    assert.equal(identityAllowanceNote([demo], INGEST_ID, 'ExportRequest', demo.url),
      'ExportRequest allowed only in database Telemetry of cluster demo — run Allow Usages');
    const other: ClusterPolicies = { url: OTHER, label: 'other', cluster: null, databases: [] };
    assert.deepEqual(usageAllowances([demo, other], INGEST_ID, 'ExportRequest', `${demo.url}/`).map((a) => a.cluster), ['demo']);
    assert.equal(identityAllowanceNote([demo, other], INGEST_ID, 'ExportRequest'),
      'ExportRequest allowed only in database Telemetry of cluster demo; ExportRequest not yet allowed on cluster other — run Allow Usages');
  });

  it('a cluster-only usage allowed in a database policy does not count', () => {
    const sandbox = { ...demo, databases: [{ name: 'Telemetry', policy: [{ ObjectId: SYSTEM_ID, AllowedUsages: ['SandboxArtifacts'] }] }] };
    assert.equal(identityAllowanceNote([sandbox], 'system', 'SandboxArtifacts'), 'SandboxArtifacts not yet allowed on cluster demo — run Allow Usages');
  });

  it('says nothing it does not know: no cluster policy read, no usage', () => {
    const unread: ClusterPolicies = { url: OTHER, label: 'other', databases: [] };
    assert.equal(identityAllowanceNote([unread], 'system', 'ExportRequest'), undefined);
    assert.equal(identityAllowanceNote([demo], 'system', undefined), undefined);
    assert.equal(identityAllowanceNote([], 'system', 'ExportRequest'), undefined);
  });

  it('hover lines go at the end of the lead, before the details', () => {
    const lines = policyHoverLines([{ identity: 'system', note: 'ExportRequest not yet allowed on cluster demo — run Allow Usages' }, { identity: INGEST_ID, note: undefined }]);
    assert.deepEqual(lines, ['- Policy (system-assigned identity): ExportRequest not yet allowed on cluster demo — run Allow Usages']);
    assert.equal(addToHoverLead('**Head**\n\n- Fix: x\n\n---\n\n- Detail', lines), `**Head**\n\n- Fix: x\n${lines[0]}\n\n---\n\n- Detail`);
  });
});
