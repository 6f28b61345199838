// The ingestion readiness check against the local Kusto and ARM servers, with
// the real azure-kusto-data and Azure SDK clients: each verdict of each step.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRoleAssignment } from '../../src/clients/arm/roleAssignments';
import { ManagedIdentityPolicyClient } from '../../src/clients/kusto';
import { applyEdits, createSizeAnalyzer } from '../../src/analyzers';
import { armReadiness, checkReadiness, kustoReadiness, type ReadinessInput, type ReadinessReport, type ReadinessServices, type StepId, type StepResult } from '../../src/readiness/core';
import { DEMO_STORAGE, DEMO_STORAGE_ACCOUNT_ID, demoArmState, ROLE_IDS, startArmServer, type ArmTestServer } from '../servers/arm';
import { DEMO_IDS, DEMO_RESOURCE_GROUP, DEMO_SUBSCRIPTION_ID, startKustoServer, type KustoTestServer } from '../servers/kusto';
import { fastRetry, StaticCredential } from './helpers';

const RESOURCE_ID = `/subscriptions/${DEMO_SUBSCRIPTION_ID}/resourceGroups/${DEMO_RESOURCE_GROUP}/providers/Microsoft.Kusto/Clusters/demo`;
const RETURNS = (identity: string) => `https://contosodata.blob.core.windows.net/returns/returns.csv;managed_identity=${identity}`;
const SAS = 'https://contosodata.blob.core.windows.net/orders/2026/11/orders.csv?sv=2022-11-02&ss=b&srt=o&sp=r&se=2027-01-01T00:00:00Z&sig=Xy7Fake0SignatureForTestsOnly1234567890abcdE%3D';
const STRANGER = '11111111-2222-4333-8444-555555555555';
const fastSdkRetry = { maxRetries: 1, retryDelayInMs: 5, maxRetryDelayInMs: 10 };

function wasmDir(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm');
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error('no @vscode/tree-sitter-wasm above the test');
}

function csharpSource(sizeGiven: boolean): string {
  return [
    'using Kusto.Ingest;',
    'public static class Ingest',
    '{',
    `    private const string ReturnsBlob = "${RETURNS('system')}";`,
    '    public static async Task RunAsync(IKustoQueuedIngestClient client, KustoIngestionProperties props)',
    '    {',
    sizeGiven
      ? '        await client.IngestFromStorageAsync(ReturnsBlob, props, new StorageSourceOptions { Size = 1024 });'
      : '        await client.IngestFromStorageAsync(ReturnsBlob, props);',
    '    }',
    '}',
    '',
  ].join('\n');
}

describe('readiness check', () => {
  let kusto: KustoTestServer;
  let arm: ArmTestServer;
  let client: ManagedIdentityPolicyClient;
  const credential = new StaticCredential();
  const analyzer = createSizeAnalyzer({ wasmDir: wasmDir() });

  const services = (overrides: Partial<ReadinessServices> = {}): ReadinessServices => ({
    kusto: kustoReadiness(client), arm: armReadiness(credential, { endpoint: arm.url, sdkRetry: fastSdkRetry, timeoutMs: 5_000 }), ...overrides,
  });
  const run = (input: Partial<ReadinessInput> & { blobUri: string }, s = services()) =>
    checkReadiness({ clusterUrl: kusto.url, database: 'Telemetry', clusterResourceId: RESOURCE_ID, ...input }, s);
  const stepOf = (r: ReadinessReport, id: StepId): StepResult => r.steps.find((s) => s.id === id)!;
  const verdicts = (r: ReadinessReport) => Object.fromEntries(r.steps.map((s) => [s.id, s.verdict]));
  async function source(text: string, fileName = '/src/Ingest.cs') {
    return { fileName, text, languageId: 'csharp', sizeFindings: await analyzer.analyze(text, 'csharp') };
  }

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

  it('pass: system identity, allowed by the database, Storage Blob Data Reader on the account, size given', async function () {
    this.timeout(20_000);
    const r = await run({ blobUri: RETURNS('system'), source: await source(csharpSource(true)) });
    assert.deepEqual(verdicts(r), { uri: 'pass', identity: 'pass', policy: 'pass', role: 'pass', size: 'pass', network: 'pass', client: 'pass' });
    assert.equal(r.ready, true);
    assert.equal(r.usage, 'NativeIngestion');
    assert.ok(r.steps.every((s) => s.usage === 'NativeIngestion'));
    assert.equal(r.identity.objectId, DEMO_IDS.systemPrincipalId);
    assert.match(stepOf(r, 'policy').summary, /policy of database 'Telemetry'/);
    assert.match(stepOf(r, 'role').summary, /Storage Blob Data Reader on storage account contosodata/);
    assert.ok(stepOf(r, 'role').evidence.some((e) => e.value.includes(DEMO_STORAGE_ACCOUNT_ID)));
    assert.deepEqual(r.steps.map((s) => s.title), [
      'Blob URI names a managed identity', 'Identity is assigned to the cluster', 'managed_identity policy allows NativeIngestion',
      'Identity may read the blob (Azure RBAC)', 'Ingestion code gives the blob size', 'Storage firewall lets the cluster in', 'Code uses queued ingestion',
    ]);
  });

  it('pass: a user-assigned identity inherits the cluster policy and a resource-group role', async () => {
    const r = await run({ blobUri: RETURNS(DEMO_IDS.ingestPrincipalId), database: 'Sales', source: { fileName: 'ingest.kql', text: '' } });
    assert.deepEqual(verdicts(r), { uri: 'pass', identity: 'pass', policy: 'pass', role: 'pass', size: 'pass', network: 'pass' });
    assert.match(stepOf(r, 'identity').summary, /user-assigned identity ingest-mi/);
    assert.match(stepOf(r, 'policy').summary, /cluster's managed_identity policy .* inherits it/);
    assert.match(stepOf(r, 'role').summary, /Storage Blob Data Contributor on resource group rg-kusto-demo \(inherited by the account\)/);
    const listed = arm.requests.filter((q) => q.endpoint === 'roleAssignments');
    assert.equal(listed.length, 1, 'one listing finds the inherited assignments');
    assert.ok(listed[0].path.endsWith(`${DEMO_STORAGE_ACCOUNT_ID}/providers/Microsoft.Authorization/roleAssignments`));
  });

  it('fail: an identity the cluster does not have (a policy naming it is not proof)', async () => {
    kusto.state.clusterPolicy!.push({ ObjectId: STRANGER, ClientId: STRANGER, TenantId: 't', DisplayName: 'stranger-mi', IsSystem: false, AllowedUsages: 'NativeIngestion' });
    const r = await run({ blobUri: RETURNS(STRANGER) });
    const identity = stepOf(r, 'identity');
    assert.equal(identity.verdict, 'fail');
    assert.match(identity.summary, /No identity with object id 11111111-2222-4333-8444-555555555555 is assigned to the cluster/);
    assert.ok(identity.evidence.some((e) => /suggests but does not prove/.test(e.value)));
    assert.equal(stepOf(r, 'policy').verdict, 'pass');
    assert.equal(stepOf(r, 'role').verdict, 'fail');
    assert.equal(r.ready, false);
  });

  it('fail: NativeIngestion not allowed, with the .alter-merge fix for the database', async () => {
    const r = await run({ blobUri: RETURNS('system'), database: 'Sales' });
    const policy = stepOf(r, 'policy');
    assert.equal(policy.verdict, 'fail');
    assert.match(policy.summary, /allows only ExternalTable/);
    assert.equal(policy.fix?.kind, 'grantUsage');
    if (policy.fix?.kind !== 'grantUsage') return;
    assert.deepEqual(policy.fix.target, { kind: 'database', database: 'Sales' });
    assert.match(policy.fix.command, /^\.alter-merge database \['Sales'\] policy managed_identity .*'ObjectId' : 'system'.*NativeIngestion/);
    await client.alterMergePolicy(policy.fix.target, [{ ObjectId: policy.fix.objectId, AllowedUsages: [policy.fix.usage] }]);
    assert.equal(stepOf(await run({ blobUri: RETURNS('system'), database: 'Sales' }), 'policy').verdict, 'pass');
  });

  it('fail: no role on the account, with the Storage Blob Data Reader fix; creating it makes the step pass', async () => {
    const blob = `https://${DEMO_STORAGE.archiveAccount}.blob.core.windows.net/archive/2025/a.csv;managed_identity=system`;
    const r = await run({ blobUri: blob });
    const role = stepOf(r, 'role');
    assert.equal(role.verdict, 'fail');
    assert.match(role.summary, /No role assignment lets the system-assigned identity .* read blobs in storage account contosoarchive/);
    assert.equal(role.fix?.kind, 'assignRole');
    if (role.fix?.kind !== 'assignRole') return;
    assert.match(role.fix.scope, /\/resourceGroups\/rg-dev\/providers\/Microsoft\.Storage\/storageAccounts\/contosoarchive$/);
    assert.equal(role.fix.principalId, DEMO_IDS.systemPrincipalId);
    assert.match(role.fix.roleDefinitionId, new RegExp(`/roleDefinitions/${ROLE_IDS.storageBlobDataReader}$`));
    await createRoleAssignment(credential, { scope: role.fix.scope, principalId: role.fix.principalId, roleDefinition: role.fix.roleDefinitionId }, { endpoint: arm.url });
    assert.equal(stepOf(await run({ blobUri: blob }), 'role').verdict, 'pass');
  });

  it('fail: Owner alone is the trap, named as such', async () => {
    const r = await run({ blobUri: RETURNS(DEMO_IDS.exportPrincipalId), database: 'Ops-Archive' });
    const role = stepOf(r, 'role');
    assert.equal(role.verdict, 'fail');
    assert.match(role.summary, /The only role assignments of export-mi .* here are Owner on subscription Contoso Analytics/);
    assert.match(role.summary, /Owner and Contributor are not enough: they grant control-plane actions only, no dataActions/);
    assert.ok(role.evidence.some((e) => /^Owner on subscription/.test(e.label) && /control plane only/.test(e.value)));
    assert.equal(role.fix?.kind, 'assignRole');
  });

  it('fail: Contributor alone is the trap too; a role from data actions (custom, container scope, wildcards) passes', async () => {
    const blob = RETURNS(DEMO_IDS.exportPrincipalId);
    const assignments = arm.state.roleAssignments!;
    assignments.splice(0, assignments.length, {
      name: 'aaaaaaaa-0000-4000-8000-000000000001', scope: DEMO_STORAGE_ACCOUNT_ID, roleDefinitionName: ROLE_IDS.contributor,
      principalId: DEMO_IDS.exportPrincipalId, principalType: 'ServicePrincipal',
    });
    assert.match(stepOf(await run({ blobUri: blob }), 'role').summary, /here are Contributor on storage account contosodata\./);
    arm.state.roleDefinitions!.push({
      name: 'cccccccc-0000-4000-8000-00000000c0de', roleName: 'Blob Everything', description: 'custom', roleType: 'CustomRole', assignableScopes: ['/'],
      permissions: [{ actions: [], notActions: [], dataActions: ['Microsoft.Storage/*'], notDataActions: [] }],
    });
    assignments.push({
      name: 'aaaaaaaa-0000-4000-8000-000000000002', scope: `${DEMO_STORAGE_ACCOUNT_ID}/blobServices/default/containers/returns`,
      roleDefinitionName: 'cccccccc-0000-4000-8000-00000000c0de', principalId: DEMO_IDS.exportPrincipalId, principalType: 'ServicePrincipal',
    });
    const role = stepOf(await run({ blobUri: blob }), 'role');
    assert.equal(role.verdict, 'pass');
    assert.match(role.summary, /Blob Everything on container 'returns' of storage account contosodata/);
    // The same role on another container does not cover this blob.
    assignments[1].scope = `${DEMO_STORAGE_ACCOUNT_ID}/blobServices/default/containers/orders`;
    assert.equal(stepOf(await run({ blobUri: blob }), 'role').verdict, 'fail');
  });

  it('unknown: a conditional assignment is not taken as a pass', async () => {
    arm.state.roleAssignments![0].condition = "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'other'";
    const role = stepOf(await run({ blobUri: RETURNS('system') }), 'role');
    assert.equal(role.verdict, 'unknown');
    assert.match(role.reason ?? '', /conditions \(ABAC\)/);
  });

  it('fail: the size missing in the code, with the size rule\'s fix; applying it makes the step pass', async function () {
    this.timeout(20_000);
    const text = csharpSource(false);
    const r = await run({ blobUri: RETURNS('system'), source: await source(text) });
    const size = stepOf(r, 'size');
    assert.equal(size.verdict, 'fail');
    assert.match(size.summary, /A call in Ingest\.cs ingests this URI without the blob size \(Ingest\.cs:7\)/);
    assert.equal(size.fix?.kind, 'addSize');
    if (size.fix?.kind !== 'addSize') return;
    const fixed = applyEdits(text, size.fix.edits);
    assert.match(fixed, /new StorageSourceOptions \{ Size = 0/);
    assert.equal(stepOf(await run({ blobUri: RETURNS('system'), source: await source(fixed) }), 'size').verdict, 'pass');
  });

  it('fail: a SAS URI, with the rewrite; the signature never appears in the report', async () => {
    const r = await run({ blobUri: SAS, identity: DEMO_IDS.ingestPrincipalId });
    const uri = stepOf(r, 'uri');
    assert.equal(uri.verdict, 'fail');
    assert.deepEqual(uri.fix, {
      kind: 'rewriteUri', title: `Rewrite the URI to ;managed_identity=${DEMO_IDS.ingestPrincipalId}`, identity: DEMO_IDS.ingestPrincipalId,
      newUri: `https://contosodata.blob.core.windows.net/orders/2026/11/orders.csv;managed_identity=${DEMO_IDS.ingestPrincipalId}`,
    });
    assert.equal(r.identity.source, 'given');
    assert.equal(stepOf(r, 'role').verdict, 'pass', 'the other steps check the identity the rewrite would use');
    assert.equal(stepOf(r, 'size').verdict, 'unknown');
    const json = JSON.stringify(r);
    assert.ok(!json.includes('Xy7Fake0Signature'), 'the SAS signature leaks');
    assert.match(r.blobUri, /sig=\*\*\*/);
    assert.equal((await run({ blobUri: SAS })).identity.source, 'default');
  });

  it('unknown: ARM unreachable leaves identity and role unknown, never pass', async () => {
    const url = arm.url;
    await arm.close();
    const r = await run({ blobUri: RETURNS('system') }, { kusto: client, arm: armReadiness(credential, { endpoint: url, sdkRetry: fastSdkRetry, timeoutMs: 5_000 }) });
    assert.equal(stepOf(r, 'identity').verdict, 'unknown');
    assert.match(stepOf(r, 'identity').reason ?? '', /could not be reached/);
    assert.equal(stepOf(r, 'role').verdict, 'unknown');
    assert.equal(stepOf(r, 'policy').verdict, 'pass', 'Kusto still answers');
    assert.equal(r.ready, false);
  });

  it('unknown: HTTP 403 listing role assignments names the permission', async () => {
    arm.faults.failNext(403, { match: /roleAssignments/, count: Infinity });
    const role = stepOf(await run({ blobUri: RETURNS('system') }), 'role');
    assert.equal(role.verdict, 'unknown');
    assert.match(role.reason ?? '', /may not read the role assignments .* Microsoft\.Authorization\/roleAssignments\/read/);
    assertNoToken(role);
  });

  it('unknown: no ARM at all, or a cluster without a resource id', async () => {
    const none = await run({ blobUri: RETURNS('system') }, { kusto: client, armUnavailable: 'Signed out of Azure.' });
    assert.equal(stepOf(none, 'identity').reason, 'Signed out of Azure.');
    assert.equal(stepOf(none, 'role').reason, 'Signed out of Azure.');
    const noId = await checkReadiness({ blobUri: RETURNS('system'), clusterUrl: kusto.url, database: 'Telemetry' }, services());
    assert.equal(stepOf(noId, 'identity').verdict, 'unknown');
    assert.match(stepOf(noId, 'identity').reason ?? '', /resource id is not known/);
    assert.ok(stepOf(noId, 'identity').evidence.some((e) => /Named in a managed_identity policy/.test(e.label)));
    assert.equal(noId.ready, false);
  });

  it('without a resource id, discovery finds the cluster by its URI (the CLI\'s way)', async () => {
    const discovering = { kusto: client, arm: armReadiness(credential, { endpoint: arm.url, discoverClusters: true, sdkRetry: fastSdkRetry }) };
    const r = await checkReadiness({ blobUri: RETURNS('system'), clusterUrl: kusto.url, database: 'Telemetry' }, discovering);
    assert.equal(stepOf(r, 'identity').verdict, 'pass');
    assert.ok(stepOf(r, 'identity').evidence.some((e) => e.value === RESOURCE_ID));
    const elsewhere = await checkReadiness({ blobUri: RETURNS('system'), clusterUrl: 'https://other.westeurope.kusto.windows.net', database: 'Telemetry' }, discovering);
    assert.match(stepOf(elsewhere, 'identity').reason ?? '', /No Kusto cluster with the URI/);
  });

  it('unknown: the cluster unreachable leaves the policy unknown; an unknown storage account leaves the role unknown', async () => {
    const url = kusto.url;
    await kusto.close();
    const r = await checkReadiness({ blobUri: 'https://nosuchaccount.blob.core.windows.net/c/f.csv;managed_identity=system', clusterUrl: url, database: 'Telemetry', clusterResourceId: RESOURCE_ID }, services());
    assert.equal(stepOf(r, 'policy').verdict, 'unknown');
    assert.equal(stepOf(r, 'role').verdict, 'unknown');
    assert.match(stepOf(r, 'role').reason ?? '', /No storage account named 'nosuchaccount' was found in the 2 subscriptions searched/);
  });

  function assertNoToken(s: StepResult): void {
    assert.ok(!JSON.stringify(s).includes(credential.token), 'the token leaks');
  }
});
