// The readiness steps for every flow and for the failures people hit, against
// the local Kusto and ARM servers with the real clients: usages, write roles,
// management groups, the storage firewall, disabled and other-tenant accounts,
// fresh role assignments, database roles for continuous export, client ids,
// queued-only clients, PrincipalNotFound retries, and ingestion failures.
import assert from 'node:assert/strict';
import { createRoleAssignment } from '../../src/clients/arm/roleAssignments';
import { ManagedIdentityPolicyClient } from '../../src/clients/kusto';
import { armReadiness, checkReadiness, explainFailure, kustoReadiness, type ReadinessInput, type ReadinessReport, type StepId, type StepResult } from '../../src/readiness/core';
import { parseIngestionFailures, SHOW_INGESTION_FAILURES } from '../../src/readiness/core/kustoReads';
import { DEMO_STORAGE_ACCOUNT_ID, demoArmState, ROLE_IDS, startArmServer, type ArmTestServer } from '../servers/arm';
import { DEMO_IDS, DEMO_RESOURCE_GROUP, DEMO_SUBSCRIPTION_ID, DEMO_TENANT_ID, startKustoServer, type KustoTestServer } from '../servers/kusto';
import { fastRetry, StaticCredential } from './helpers';

const RESOURCE_ID = `/subscriptions/${DEMO_SUBSCRIPTION_ID}/resourceGroups/${DEMO_RESOURCE_GROUP}/providers/Microsoft.Kusto/Clusters/demo`;
const RETURNS = (identity: string) => `https://contosodata.blob.core.windows.net/returns/returns.csv;managed_identity=${identity}`;
const OTHER_TENANT = '0f0e0d0c-0b0a-4909-8807-060504030201';
const fastSdkRetry = { maxRetries: 1, retryDelayInMs: 5, maxRetryDelayInMs: 10 };

describe('readiness check: every flow and the failures people hit', () => {
  let kusto: KustoTestServer;
  let arm: ArmTestServer;
  let client: ManagedIdentityPolicyClient;
  const credential = new StaticCredential();

  const run = (input: Partial<ReadinessInput> & { blobUri: string }) => checkReadiness(
    { clusterUrl: kusto.url, database: 'Telemetry', clusterResourceId: RESOURCE_ID, ...input },
    { kusto: kustoReadiness(client), arm: armReadiness(credential, { endpoint: arm.url, sdkRetry: fastSdkRetry, timeoutMs: 5_000 }) },
  );
  const stepOf = (r: ReadinessReport, id: StepId): StepResult => r.steps.find((s) => s.id === id)!;
  const contosodata = () => arm.state.subscriptions[0].storageAccounts![0];

  beforeEach(async () => {
    kusto = await startKustoServer();
    arm = await startArmServer({ state: demoArmState(kusto.url) });
    client = new ManagedIdentityPolicyClient(kusto.url, credential, { retry: fastRetry(), timeoutMs: 5_000 });
  });
  afterEach(async () => {
    client.dispose();
    await arm.close();
    await kusto.close();
  });

  it('.export: the policy step checks ExportRequest and the role step asks for a write role', async () => {
    const text = `.export to csv (h@"${RETURNS('system')}") <| Events | take 10\n`;
    const r = await run({ blobUri: RETURNS('system'), source: { fileName: 'export.kql', text } });
    assert.equal(r.usage, 'ExportRequest');
    assert.equal(r.access, 'write');
    const policy = stepOf(r, 'policy');
    assert.equal(policy.title, 'managed_identity policy allows ExportRequest');
    assert.equal(policy.verdict, 'fail');
    assert.equal(policy.fix?.kind === 'grantUsage' && policy.fix.usage, 'ExportRequest');
    const role = stepOf(r, 'role');
    assert.equal(role.title, 'Identity may write to the storage (Azure RBAC)');
    assert.equal(role.verdict, 'fail');
    assert.match(role.summary, /Its role assignments there allow only part of it|give no blob write access/);
    assert.equal(role.fix?.kind === 'assignRole' && role.fix.roleName, 'Storage Blob Data Contributor');
    // Granting both makes them pass.
    await client.alterMergePolicy({ kind: 'database', database: 'Telemetry' }, [{ ObjectId: 'system', AllowedUsages: ['ExportRequest'] }]);
    if (role.fix?.kind !== 'assignRole') return;
    await createRoleAssignment(credential, { scope: role.fix.scope, principalId: role.fix.principalId, roleDefinition: role.fix.roleDefinitionId }, { endpoint: arm.url });
    const again = await run({ blobUri: RETURNS('system'), source: { fileName: 'export.kql', text } });
    assert.equal(stepOf(again, 'policy').verdict, 'pass');
    assert.equal(stepOf(again, 'role').verdict, 'pass');
    assert.ok(again.recheckAfter, 'the role was just assigned: a re-check is scheduled');
    assert.match(stepOf(again, 'role').summary, /assigned less than a minute ago: role assignments can take up to 10 minutes/);
  });

  it('DeleteSourceOnSuccess in the C# code needs blob delete: Reader alone fails with the Contributor fix', async () => {
    const text = `var uri = "${RETURNS('system')}";\nawait client.IngestFromStorageAsync(uri, props, new StorageSourceOptions { Size = 10, DeleteSourceOnSuccess = true });\n`;
    const r = await run({ blobUri: RETURNS('system'), source: { fileName: 'Ingest.cs', text, languageId: 'csharp', sizeFindings: [] } });
    assert.equal(r.usage, 'NativeIngestion');
    const role = stepOf(r, 'role');
    assert.equal(role.verdict, 'fail');
    assert.match(role.summary, /read and delete blobs .*DeleteSourceOnSuccess/);
    assert.match(role.summary, /allow only part of it \(Storage Blob Data Reader\)/);
    assert.equal(role.fix?.kind === 'assignRole' && role.fix.roleName, 'Storage Blob Data Contributor');
  });

  it('a management-group assignment is inherited by the account: pass, never a fix for a role it already has', async () => {
    arm.state.subscriptions[0].managementGroup = 'contoso-root';
    arm.state.roleAssignments!.push({
      name: 'bbbbbbbb-0000-4000-8000-000000000001', scope: '/providers/Microsoft.Management/managementGroups/contoso-root',
      roleDefinitionName: ROLE_IDS.storageBlobDataReader, principalId: DEMO_IDS.exportPrincipalId, principalType: 'ServicePrincipal',
    });
    const role = stepOf(await run({ blobUri: RETURNS(DEMO_IDS.exportPrincipalId), database: 'Ops-Archive' }), 'role');
    assert.equal(role.verdict, 'pass', role.summary);
    assert.match(role.summary, /Storage Blob Data Reader on management group contoso-root \(inherited by the account\)/);
    assert.ok(role.evidence.some((e) => /a management group above the account/.test(e.value)));
  });

  it('storage firewall: Deny fails with the fix; trusted services or a resource-instance rule pass; a fault is unknown', async () => {
    contosodata().networkAcls = { defaultAction: 'Deny', bypass: 'None' };
    let network = stepOf(await run({ blobUri: RETURNS('system') }), 'network');
    assert.equal(network.verdict, 'fail');
    assert.equal(network.fix?.kind, 'manual');
    assert.ok(network.evidence.some((e) => e.label === 'networkAcls.defaultAction' && e.value === 'Deny'));
    contosodata().networkAcls = { defaultAction: 'Deny', bypass: 'AzureServices' };
    network = stepOf(await run({ blobUri: RETURNS('system') }), 'network');
    assert.equal(network.verdict, 'pass');
    contosodata().networkAcls = { defaultAction: 'Deny', bypass: 'None', resourceAccessRules: [{ tenantId: DEMO_TENANT_ID, resourceId: RESOURCE_ID }] };
    network = stepOf(await run({ blobUri: RETURNS('system') }), 'network');
    assert.equal(network.verdict, 'pass');
    assert.match(network.summary, /resource-instance rule names the cluster/);
    arm.faults.failNext(500, { endpoints: ['storageAccounts'], count: 20 });
    const r = await run({ blobUri: RETURNS('system') });
    assert.equal(stepOf(r, 'network').verdict, 'unknown');
    assert.equal(stepOf(r, 'role').verdict, 'unknown', 'the same lookup feeds both steps: one read, one answer');
  });

  it('an account in a disabled subscription or another tenant fails as such, not as a permission problem', async () => {
    const [first, , disabled] = arm.state.subscriptions;
    disabled.storageAccounts = first.storageAccounts!.splice(0, 1);
    let role = stepOf(await run({ blobUri: RETURNS('system') }), 'role');
    assert.equal(role.verdict, 'fail');
    assert.match(role.summary, /in a disabled subscription .* refuses every data request/);
    assert.equal(role.fix, undefined, 'no role to assign');
    first.storageAccounts!.push(...disabled.storageAccounts.splice(0, 1));
    arm.state.subscriptions[1].tenantId = OTHER_TENANT;
    arm.state.subscriptions[1].storageAccounts!.push({ resourceGroup: 'rg-dev', name: 'fabrikamdata', location: 'West Europe' });
    role = stepOf(await run({ blobUri: 'https://fabrikamdata.blob.core.windows.net/c/f.csv;managed_identity=system' }), 'role');
    assert.equal(role.verdict, 'fail');
    assert.match(role.summary, new RegExp(`is in tenant ${OTHER_TENANT}, the cluster's identity in tenant ${DEMO_TENANT_ID}`));
    role = stepOf(await run({ blobUri: 'https://nosuchaccount.blob.core.windows.net/c/f.csv;managed_identity=system' }), 'role');
    assert.equal(role.verdict, 'unknown');
    assert.match(role.reason!, /missing .* or in a subscription or tenant the signed-in account cannot see/);
  });

  it('an assignment created minutes ago passes with a warning and a re-check time', async () => {
    const created = new Date(Date.now() - 3 * 60_000).toISOString();
    arm.state.roleAssignments![0].createdOn = created;
    const r = await run({ blobUri: RETURNS('system') });
    assert.equal(stepOf(r, 'role').verdict, 'pass');
    assert.match(stepOf(r, 'role').summary, /assigned 3 minutes ago/);
    assert.equal(r.recheckAfter, new Date(Date.parse(created) + 10 * 60_000).toISOString());
    arm.state.roleAssignments![0].createdOn = '2024-03-01T09:00:00.0000000Z';
    assert.equal((await run({ blobUri: RETURNS('system') })).recheckAfter, undefined);
  });

  it('creating a role assignment retries while ARM answers PrincipalNotFound', async () => {
    const request = { scope: DEMO_STORAGE_ACCOUNT_ID, principalId: DEMO_IDS.exportPrincipalId, roleDefinition: ROLE_IDS.storageBlobDataReader };
    arm.settings.principalNotFoundFor = 2;
    const created = await createRoleAssignment(credential, request, { endpoint: arm.url, principalNotFoundDelaysMs: [5, 5, 5] });
    assert.equal(created.alreadyExisted, false);
    assert.equal(arm.requests.filter((q) => q.endpoint === 'roleAssignment' && q.method === 'PUT').map((q) => q.status).join(','), '400,400,201');
    arm.settings.principalNotFoundFor = 5;
    await assert.rejects(createRoleAssignment(credential, { ...request, principalId: DEMO_IDS.ingestPrincipalId }, { endpoint: arm.url, principalNotFoundDelaysMs: [5] }),
      (e: Error & { armCode?: string }) => e.armCode === 'PrincipalNotFound' && /replication delay/.test(e.message));
  });

  it('continuous export needs a database role: fail with .add database ... viewers, pass once it has run', async () => {
    const text = `.create-or-alter continuous-export Nightly over (Events) to table ExportTable with (managedIdentity="system", intervalBetweenRuns=1h) <| Events\n`;
    const input = { blobUri: RETURNS('system'), source: { fileName: 'ce.kql', text } };
    const r = await run(input);
    assert.equal(r.usage, 'AutomatedFlows');
    const principal = stepOf(r, 'principal');
    assert.equal(principal.verdict, 'fail');
    assert.equal(principal.fix?.kind, 'addPrincipal');
    if (principal.fix?.kind !== 'addPrincipal') return;
    assert.equal(principal.fix.command, `.add database ['Telemetry'] viewers ('aadapp=${DEMO_IDS.systemPrincipalId};${DEMO_TENANT_ID}') 'Continuous export managed identity'`);
    await client.runCommand('Telemetry', principal.fix.command, { writes: true });
    assert.equal(stepOf(await run(input), 'principal').verdict, 'pass');
    kusto.faults.failNext(500, { match: /principals/, count: 10 });
    assert.equal(stepOf(await run(input), 'principal').verdict, 'unknown');
    kusto.faults.clear();
    kusto.settings.readOnlyTokens.add(credential.token);
    await assert.rejects(client.runCommand('Telemetry', principal.fix.command, { writes: true }), (e: Error & { kind?: string }) => e.kind === 'forbidden');
    kusto.settings.readOnlyTokens.clear();
  });

  it('a client id after ;managed_identity= fails the identity step with its object id as the fix', async () => {
    const r = await run({ blobUri: RETURNS(DEMO_IDS.ingestClientId) });
    const identity = stepOf(r, 'identity');
    assert.equal(identity.verdict, 'fail');
    assert.match(identity.summary, new RegExp(`${DEMO_IDS.ingestClientId} is the client id of ingest-mi, not its object id`));
    assert.equal(identity.fix?.kind === 'rewriteUri' && identity.fix.newUri, RETURNS(DEMO_IDS.ingestPrincipalId));
  });

  it('a direct ingestion client in the code fails the queued-only step', async () => {
    const text = `var uri = "${RETURNS('system')}";\nvar c = KustoIngestFactory.CreateDirectIngestClient(kcsb);\nawait c.IngestFromStorageAsync(uri, props, new StorageSourceOptions { Size = 1 });\n`;
    const r = await run({ blobUri: RETURNS('system'), source: { fileName: 'Ingest.cs', text, languageId: 'csharp', sizeFindings: [] } });
    const step = stepOf(r, 'client');
    assert.equal(step.verdict, 'fail');
    assert.match(step.summary, /CreateDirectIngestClient does not ingest a ";managed_identity=" blob URI/);
    assert.deepEqual(step.evidence.map((e) => e.label), ['Ingest.cs:2 (KustoIngestFactory.CreateDirectIngestClient)']);
  });

  it('.show ingestion failures: each failure maps to the step that explains it', async () => {
    kusto.state.ingestionFailures = [
      { database: 'Telemetry', table: 'Events', failedOn: '2026-11-30T01:00:00Z', sourcePath: RETURNS('system'), details: 'Failed to download blob: Download_Forbidden', errorCode: 'Download_Forbidden' },
      { database: 'Sales', table: 'Orders', failedOn: '2026-11-30T02:00:00Z', sourcePath: RETURNS('system'), details: 'x', errorCode: 'BadRequest_InvalidManagedIdentity' },
    ];
    const rows = await client.runCommand('Telemetry', SHOW_INGESTION_FAILURES);
    const failures = parseIngestionFailures(rows, 'Telemetry');
    assert.equal(failures.length, 1);
    assert.equal(failures[0].sourcePath, RETURNS('system'));
    const explained = explainFailure(`${failures[0].errorCode} ${failures[0].details}`);
    assert.equal(explained?.step, 'role');
  });
});
