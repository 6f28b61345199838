// The readiness steps added for every flow and for the failures people hit:
// pure functions, each with pass, fail and unknown, its evidence and its fix.
import assert from 'node:assert/strict';
import type { StorageAccountInfo } from '../../../src/clients/arm/storageAccounts';
import type { PolicyEntry } from '../../../src/core/policy/model';
import { clientIdFindings, queuedOnlyFindings } from '../../../src/readiness/core/codeFindings';
import { commandAround, deletesSourceOnSuccess, resolveFlow } from '../../../src/readiness/core/flow';
import { identityStep } from '../../../src/readiness/core/identityStep';
import { explainFailure } from '../../../src/readiness/core/ingestionFailures';
import { parseIngestionFailures, parsePrincipalRows, showPrincipalsCommand } from '../../../src/readiness/core/kustoReads';
import { networkStep } from '../../../src/readiness/core/networkStep';
import { BLOB_DELETE_ACTION, BLOB_READ_ACTION, BLOB_WRITE_ACTION } from '../../../src/readiness/core/permissions';
import { policyStep } from '../../../src/readiness/core/policyStep';
import { isViewerOrAbove, principalStep } from '../../../src/readiness/core/principalStep';
import { requiredActions } from '../../../src/readiness/core/roleStep';
import { appliesToBlob } from '../../../src/readiness/core/scopes';
import { accountOutOfService, otherTenant } from '../../../src/readiness/core/storageAccount';

const SYSTEM = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const INGEST = '6a5820b9-fdf6-4cc4-81b9-b416b444fd6d';
const INGEST_CLIENT = 'c0ffee00-1111-4222-8333-444455556666';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLUSTER_ID = '/subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333/resourceGroups/rg-kusto-demo/providers/Microsoft.Kusto/Clusters/demo';
const ACCOUNT_ID = '/subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333/resourceGroups/rg-kusto-demo/providers/Microsoft.Storage/storageAccounts/contosodata';
const BLOB = 'https://contosodata.blob.core.windows.net/returns/r.csv;managed_identity=system';

function account(extra: Partial<StorageAccountInfo> = {}): StorageAccountInfo {
  return { id: ACCOUNT_ID, name: 'contosodata', subscriptionId: '0b1f6471-1bf0-4dda-aec3-111122223333', resourceGroup: 'rg-kusto-demo', ...extra };
}
const found = (a: StorageAccountInfo) => ({ kind: 'found' as const, account: a, subscriptionNames: new Map<string, string>() });
const deny = (bypass: string, rules: string[] = []) => ({ defaultAction: 'Deny', bypass, resourceAccessRules: rules.map((resourceId) => ({ resourceId, tenantId: TENANT })), ipRules: 1, virtualNetworkRules: 0 });

describe('readiness/flow', () => {
  it('the usage comes from --usage, else the Kusto command around the URI, else SDK code (queued ingestion), else NativeIngestion', () => {
    assert.deepEqual(resolveFlow(BLOB, undefined, 'exportrequest'), { usage: 'ExportRequest', access: 'write', clusterOnly: false, origin: 'option', deletesSource: false });
    assert.equal(resolveFlow(BLOB, undefined, 'SandboxArtifacts').clusterOnly, true);
    assert.deepEqual(resolveFlow(BLOB, undefined), { usage: 'NativeIngestion', access: 'read', clusterOnly: false, origin: 'default', deletesSource: false });
    const kql = [
      '.set-or-append T <| externaldata (x: string) [h@"https://other.blob.core.windows.net/c/a.csv;managed_identity=system"]',
      '',
      `.export to csv (h@"${BLOB}") <| T`,
    ].join('\n');
    const flow = resolveFlow(BLOB, { fileName: 'q.kql', text: kql, uriOffset: kql.indexOf('https://contosodata') });
    assert.equal(flow.usage, 'ExportRequest');
    assert.equal(flow.access, 'write');
    assert.equal(flow.origin, 'command');
    assert.equal(resolveFlow('https://other.blob.core.windows.net/c/a.csv;managed_identity=system', { fileName: 'q.kql', text: kql }).usage, 'ExternalDataRequest');
    const ce = `.create-or-alter continuous-export Ex to table Ext with (managedIdentity="system") <| T`;
    assert.equal(resolveFlow(BLOB, { fileName: 'ce.csl', text: ce }).usage, 'AutomatedFlows');
    assert.deepEqual(resolveFlow(BLOB, { fileName: 'Ingest.cs', text: 'client.IngestFromStorageAsync(uri, props);' }),
      { usage: 'NativeIngestion', access: 'read', clusterOnly: false, origin: 'code', deletesSource: false });
  });

  it('DeleteSourceOnSuccess in code or in .ingest ... with (...) needs write/delete', () => {
    for (const text of [
      'new StorageSourceOptions { DeleteSourceOnSuccess = true, Size = 10 }',
      'await client.IngestFromSingleBlobAsync(uri, true, props);',
      'opts := []ingest.FileOption{ingest.DeleteSource()}',
      'sourceInfo.setDeleteSourceOnSuccess(true);',
      'props = {"delete_source_on_success": True}',
      `.ingest into table T (h@"${BLOB}") with (format="csv", deleteSourceOnSuccess=true)`,
    ]) assert.equal(deletesSourceOnSuccess(text), true, text);
    for (const text of ['DeleteSourceOnSuccess = false', 'IngestFromSingleBlobAsync(uri, false, props)', '// nothing']) {
      assert.equal(deletesSourceOnSuccess(text), false, text);
    }
    const pad = '\n'.repeat(5) + '// unrelated code\n'.repeat(120);
    const two = [
      `const string Keep = "${BLOB}";`,
      'await client.IngestFromStorageAsync(Keep, props, new StorageSourceOptions { Size = 10 });',
      pad,
      'const string Drop = "https://contosodata.blob.core.windows.net/incoming/x.csv;managed_identity=system";',
      'await client.IngestFromStorageAsync(Drop, props, new StorageSourceOptions { Size = 10, DeleteSourceOnSuccess = true });',
    ].join('\n');
    assert.equal(resolveFlow(BLOB, { fileName: 'Two.cs', text: two }).deletesSource, false, 'only the code around this URI counts');
    assert.equal(resolveFlow('https://contosodata.blob.core.windows.net/incoming/x.csv;managed_identity=system', { fileName: 'Two.cs', text: two }).deletesSource, true);
    const cs = resolveFlow(BLOB, { fileName: 'Ingest.cs', text: 'new StorageSourceOptions { DeleteSourceOnSuccess = true }' });
    assert.equal(cs.access, 'write');
    assert.equal(cs.deletesSource, true);
    assert.equal(cs.usage, 'NativeIngestion');
    assert.deepEqual(requiredActions('read', true), [BLOB_READ_ACTION, BLOB_DELETE_ACTION]);
    assert.deepEqual(requiredActions('write', false), [BLOB_WRITE_ACTION]);
    assert.deepEqual(requiredActions('read', false), [BLOB_READ_ACTION]);
  });

  it('the command around an offset is its blank-line block, without comment lines', () => {
    const text = '// ingest\n.ingest into table T (h"x")\n\n.export to csv (h"y") <| T';
    assert.equal(commandAround(text, 2, 'x'), '.ingest into table T (h"x")');
    assert.equal(commandAround(text, undefined, 'y'), '.export to csv (h"y") <| T');
  });
});

describe('readiness/steps for every flow', () => {
  const system: PolicyEntry = { ObjectId: SYSTEM, IsSystem: true, AllowedUsages: ['NativeIngestion'] };

  it('policy: checks the flow\'s usage, with a fix that allows that usage', () => {
    const policies = { kind: 'ok' as const, cluster: null, database: [system] };
    const fail = policyStep('system', 'the system-assigned identity', 'Sales', policies, {}, { usage: 'ExportRequest' });
    assert.equal(fail.verdict, 'fail');
    assert.equal(fail.title, 'managed_identity policy allows ExportRequest');
    assert.match(fail.summary, /allows ExportRequest.*allows only NativeIngestion/);
    assert.equal(fail.fix?.kind === 'grantUsage' && fail.fix.command,
      `.alter-merge database ['Sales'] policy managed_identity "[ { 'ObjectId' : 'system', 'AllowedUsages' : 'ExportRequest' } ]"`);
    const pass = policyStep('system', 's', 'Sales', { kind: 'ok', cluster: null, database: [{ ...system, AllowedUsages: ['ExportRequest'] }] }, {}, { usage: 'ExportRequest' });
    assert.equal(pass.verdict, 'pass');
  });

  it('policy: SandboxArtifacts counts only at cluster level, and its fix targets the cluster', () => {
    const onlyDb = { kind: 'ok' as const, cluster: null, database: [{ ...system, AllowedUsages: ['SandboxArtifacts'] }] };
    const fail = policyStep('system', 's', 'Sales', onlyDb, {}, { usage: 'SandboxArtifacts', clusterOnly: true });
    assert.equal(fail.verdict, 'fail');
    assert.match(fail.summary, /counts only at cluster level/);
    assert.equal(fail.fix?.kind === 'grantUsage' && fail.fix.command, `.alter-merge cluster policy managed_identity "[ { 'ObjectId' : 'system', 'AllowedUsages' : 'SandboxArtifacts' } ]"`);
    const pass = policyStep('system', 's', 'Sales', { kind: 'ok', cluster: [{ ...system, AllowedUsages: ['All'] }], database: null }, {}, { usage: 'SandboxArtifacts', clusterOnly: true });
    assert.equal(pass.verdict, 'pass');
  });

  it('role scopes: a management-group assignment is above the account, never dropped', () => {
    assert.equal(appliesToBlob('/providers/Microsoft.Management/managementGroups/contoso-root', ACCOUNT_ID, 'returns'), true);
    assert.equal(appliesToBlob('/providers/Microsoft.Management/managementGroups/contoso-root/', ACCOUNT_ID, undefined), true);
  });

  it('account: disabled, unavailable or in another tenant is said as such', () => {
    assert.match(accountOutOfService(account({ subscriptionState: 'Disabled' }))!, /disabled subscription.*whatever the roles/);
    assert.match(accountOutOfService(account({ statusOfPrimary: 'unavailable' }))!, /unavailable/);
    assert.equal(accountOutOfService(account({ subscriptionState: 'Enabled', statusOfPrimary: 'available' })), undefined);
    assert.match(otherTenant(account({ tenantId: '11111111-2222-4333-8444-555555555555' }), TENANT)!, /another tenant/);
    assert.equal(otherTenant(account({ tenantId: TENANT.toUpperCase() }), TENANT), undefined);
    assert.equal(otherTenant(account(), TENANT), undefined, 'unknown tenant: not claimed');
  });

  it('firewall: Allow passes; Deny passes with trusted services or a resource-instance rule for the cluster', () => {
    const open = networkStep({ account: found(account()), identityKind: 'system', clusterResourceId: CLUSTER_ID });
    assert.equal(open.verdict, 'pass');
    assert.match(open.summary, /all networks/);
    const trusted = networkStep({ account: found(account({ networkAcls: deny('Logging, AzureServices') })), identityKind: 'system', clusterResourceId: CLUSTER_ID });
    assert.equal(trusted.verdict, 'pass');
    assert.match(trusted.summary, /trusted Azure services/);
    assert.deepEqual(trusted.evidence.find((e) => e.label === 'networkAcls.bypass'), { label: 'networkAcls.bypass', value: 'Logging, AzureServices' });
    const rule = networkStep({ account: found(account({ networkAcls: deny('None', [CLUSTER_ID.toLowerCase()]) })), identityKind: 'system', clusterResourceId: CLUSTER_ID });
    assert.equal(rule.verdict, 'pass');
    assert.match(rule.summary, /resource-instance rule names the cluster/);
  });

  it('firewall: Deny without an exception fails with the portal path, the ARM property and az\'s line', () => {
    const s = networkStep({ account: found(account({ networkAcls: deny('Logging', ['/subscriptions/x/resourceGroups/y/providers/Microsoft.Kusto/Clusters/other']) })), identityKind: 'system', clusterResourceId: CLUSTER_ID, clusterTenantId: TENANT });
    assert.equal(s.verdict, 'fail');
    assert.match(s.summary, /defaultAction: Deny/);
    assert.equal(s.fix?.kind, 'manual');
    if (s.fix?.kind !== 'manual') return;
    assert.match(s.fix.portal, /Networking → Firewalls and virtual networks/);
    assert.match(s.fix.armProperty, new RegExp(`resourceAccessRules \\+= \\{ "tenantId": "${TENANT}", "resourceId": "${CLUSTER_ID.replace(/[/.]/g, '\\$&')}" \\}`));
    assert.match(s.fix.armProperty, /bypass = "Logging, AzureServices"/);
    assert.equal(s.fix.cli, `az storage account network-rule add --resource-group rg-kusto-demo --account-name contosodata --resource-id ${CLUSTER_ID} --tenant-id ${TENANT}`);
    assert.match(s.evidence.find((e) => e.label === 'Other rules')!.value, /1 IP rule, 0 virtual network rules/);
  });

  it('firewall: ;impersonate is not covered; user-assigned, private-only and unreadable accounts are unknown', () => {
    const imp = networkStep({ account: found(account({ networkAcls: deny('AzureServices') })), clusterResourceId: CLUSTER_ID, impersonate: true });
    assert.equal(imp.verdict, 'fail');
    assert.match(imp.summary, /;impersonate is not covered/);
    assert.equal(networkStep({ account: found(account({ networkAcls: deny('AzureServices') })), identityKind: 'user', clusterResourceId: CLUSTER_ID }).verdict, 'unknown');
    const priv = networkStep({ account: found(account({ publicNetworkAccess: 'Disabled' })), identityKind: 'system', clusterResourceId: CLUSTER_ID });
    assert.equal(priv.verdict, 'unknown');
    assert.match(priv.reason!, /managed private endpoint/);
    const none = networkStep({ account: { kind: 'unavailable', reason: 'HTTP 403' } });
    assert.equal(none.verdict, 'unknown');
    assert.equal(none.reason, 'HTTP 403');
  });

  it('identity: a client id in the URI fails with the reason and a rewrite to the object id', () => {
    const ok = {
      kind: 'ok' as const, resourceId: CLUSTER_ID,
      identities: [{ kind: 'userAssigned' as const, objectId: INGEST, clientId: INGEST_CLIENT, displayName: 'ingest-mi' }],
    };
    const s = identityStep(INGEST_CLIENT, ok, undefined, `https://contosodata.blob.core.windows.net/r/x.csv;managed_identity=${INGEST_CLIENT.toUpperCase()}`);
    assert.equal(s.verdict, 'fail');
    assert.match(s.summary, /is the client id of ingest-mi, not its object id/);
    assert.deepEqual(s.fix, {
      kind: 'rewriteUri', title: 'Use the object id of ingest-mi', identity: INGEST,
      newUri: `https://contosodata.blob.core.windows.net/r/x.csv;managed_identity=${INGEST}`,
    });
  });

  it('principal: continuous export needs viewer or above; the fix is .add database ... viewers', () => {
    const principals = parsePrincipalRows([
      { Role: 'Database Telemetry Ingestor', PrincipalType: 'AAD Application', PrincipalDisplayName: 'demo', PrincipalObjectId: SYSTEM, PrincipalFQN: `aadapp=${SYSTEM};${TENANT}` },
      { Role: 'Database Telemetry Viewer', PrincipalType: 'AAD Application', PrincipalDisplayName: 'ingest-mi', PrincipalObjectId: '', PrincipalFQN: `aadapp=${INGEST};${TENANT}` },
      { NotARole: 'x' },
    ]);
    assert.equal(principals.length, 2);
    const fail = principalStep('Telemetry', SYSTEM, 'the system-assigned identity', TENANT, { kind: 'ok', principals });
    assert.equal(fail.verdict, 'fail');
    assert.match(fail.summary, /holds only Database Telemetry Ingestor/);
    assert.deepEqual(fail.fix, {
      kind: 'addPrincipal', title: "Add the system-assigned identity as viewer of database 'Telemetry'", database: 'Telemetry', fqn: `aadapp=${SYSTEM};${TENANT}`,
      command: `.add database ['Telemetry'] viewers ('aadapp=${SYSTEM};${TENANT}') 'Continuous export managed identity'`,
    });
    const pass = principalStep('Telemetry', INGEST, 'ingest-mi', TENANT, { kind: 'ok', principals });
    assert.equal(pass.verdict, 'pass', 'matched by the FQN when the object id column is empty');
    assert.equal(principalStep('Telemetry', SYSTEM, 's', TENANT, { kind: 'unavailable', reason: 'HTTP 403' }).verdict, 'unknown');
    assert.deepEqual(['Database X Admin', 'Database X User', 'Database X UnrestrictedViewer', 'Database X Ingestor', 'Database X Monitor'].map(isViewerOrAbove), [true, true, true, false, false]);
    assert.equal(showPrincipalsCommand("T'x"), ".show database ['T\\'x'] principals");
  });
});

describe('readiness/code findings', () => {
  it('mi-requires-queued-ingestion: direct and streaming clients in a file with a managed-identity URI', () => {
    const cs = [
      `const string Blob = "${BLOB}";`,
      'var direct = KustoIngestFactory.CreateDirectIngestClient(kcsb);',
      '// KustoIngestFactory.CreateStreamingIngestClient(kcsb) in a comment',
      'var queued = KustoIngestFactory.CreateQueuedIngestClient(kcsb);',
    ].join('\n');
    const f = queuedOnlyFindings(cs);
    assert.deepEqual(f.map((x) => cs.slice(x.start, x.end)), ['KustoIngestFactory.CreateDirectIngestClient']);
    assert.equal(f[0].ruleId, 'mi-requires-queued-ingestion');
    assert.match(f[0].message, /only queued ingestion passes the URI.*Use KustoIngestFactory\.CreateQueuedIngestClient/);
    const py = `uri = "${BLOB}"\nclient = KustoStreamingIngestClient(kcsb)\n`;
    assert.deepEqual(queuedOnlyFindings(py).map((x) => py.slice(x.start, x.end)), ['KustoStreamingIngestClient']);
    const ts = `const u = "${BLOB}";\nconst c = new StreamingIngestClient(kcsb);\n`;
    assert.deepEqual(queuedOnlyFindings(ts).map((x) => ts.slice(x.start, x.end)), ['StreamingIngestClient']);
    const go = `u := "${BLOB}"\nin, _ := ingest.NewStreaming(client, "db", "t")\n`;
    assert.deepEqual(queuedOnlyFindings(go).map((x) => go.slice(x.start, x.end)), ['ingest.NewStreaming']);
    assert.deepEqual(queuedOnlyFindings('var c = KustoIngestFactory.CreateDirectIngestClient(kcsb); // SAS only'), [], 'no managed-identity URI: quiet');
  });

  it('mi-client-id-used: a known identity\'s client id after ;managed_identity=, with its object id', () => {
    const text = `a = "https://a.blob.core.windows.net/c/f;managed_identity=${INGEST_CLIENT}"; b = "https://a.blob.core.windows.net/c/g;managed_identity=${INGEST}"`;
    const f = clientIdFindings(text, [{ objectId: INGEST, clientId: INGEST_CLIENT, displayName: 'ingest-mi' }]);
    assert.equal(f.length, 1);
    assert.equal(text.slice(f[0].start, f[0].end), INGEST_CLIENT);
    assert.equal(f[0].objectId, INGEST);
    assert.match(f[0].message, /client id of ingest-mi.*object \(principal\) id, 6a5820b9/);
    assert.deepEqual(clientIdFindings(text, [{ objectId: INGEST }]), []);
  });
});

describe('readiness/ingestion failures', () => {
  it('maps the documented codes to the step that explains them, from a code or a whole message', () => {
    assert.equal(explainFailure('Download_Forbidden')?.step, 'role');
    assert.equal(explainFailure('Download_AccountNotFound')?.step, 'role');
    assert.equal(explainFailure('BadRequest_InvalidManagedIdentity')?.step, 'identity');
    assert.equal(explainFailure('Download_SourceNotFound')?.step, 'uri');
    assert.equal(explainFailure('Download_NotTransient')?.step, 'network');
    const m = explainFailure('Ingestion failed: Failed to download blob: Download_Forbidden (403 AuthorizationPermissionMismatch) ErrorCode=Forbidden');
    assert.equal(m?.code, 'Download_Forbidden');
    assert.equal(m?.category, 'DataAccessNotAuthorized');
    const other = explainFailure('Stream_WrongNumberOfFields: bad CSV');
    assert.equal(other?.step, undefined);
    assert.match(other!.meaning, /cannot explain it/);
    assert.equal(explainFailure('nothing to see'), undefined);
  });

  it('reads .show ingestion failures rows of one database, newest first', () => {
    const rows = [
      { Database: 'Telemetry', Table: 'T', FailedOn: '2026-11-30T01:00:00Z', IngestionSourcePath: 'https://a.blob.core.windows.net/c/1.csv', Details: 'Download_Forbidden', ErrorCode: 'Download_Forbidden', FailureKind: 'Permanent' },
      { Database: 'Other', Table: 'T', FailedOn: '2026-11-30T02:00:00Z', Details: 'x' },
      { Database: 'telemetry', Table: 'T', FailedOn: '2026-11-30T03:00:00Z', Details: 'BadRequest_InvalidManagedIdentity' },
    ];
    const f = parseIngestionFailures(rows, 'Telemetry');
    assert.deepEqual(f.map((x) => x.failedOn), ['2026-11-30T03:00:00Z', '2026-11-30T01:00:00Z']);
    assert.equal(f[1].errorCode, 'Download_Forbidden');
    assert.equal(f[1].sourcePath, 'https://a.blob.core.windows.net/c/1.csv');
  });
});
