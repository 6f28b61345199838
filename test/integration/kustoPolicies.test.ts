// The real Kusto client (azure-kusto-data underneath) against the local Kusto
// server: reading, changing and deleting managed_identity policies.
import assert from 'node:assert/strict';
import { ManagedIdentityPolicyClient, KustoRequestError } from '../../src/clients/kusto';
import { PolicyCommandError } from '../../src/core/kql/commands';
import { allowsUsage, effectiveUsage } from '../../src/core/policy/evaluate';
import { removeUsage, toPolicyInputs } from '../../src/core/policy/edit';
import { CLUSTER_TARGET, databaseTarget } from '../../src/core/policy/model';
import { DEMO_IDS, startKustoServer, type KustoTestServer } from '../servers/kusto';
import { fastRetry, StaticCredential } from './helpers';

describe('Kusto client: managed_identity policies', () => {
  let server: KustoTestServer;
  let client: ManagedIdentityPolicyClient;
  const credential = new StaticCredential();

  beforeEach(async () => {
    server = await startKustoServer();
    client = new ManagedIdentityPolicyClient(server.url, credential, { retry: fastRetry() });
  });
  afterEach(async () => {
    client.dispose();
    await server.close();
  });

  it('lists databases, with pretty names, sending the bearer token', async () => {
    const dbs = await client.listDatabases();
    assert.deepEqual(dbs.map((d) => d.name), ['Telemetry', 'Sales', 'Staging', 'Ops-Archive']);
    assert.equal(dbs[3].prettyName, 'Operations archive');
    const mgmt = server.requests.filter((r) => r.endpoint === 'mgmt');
    assert.equal(mgmt[0].token, credential.token);
    assert.equal(server.requests[0].endpoint, 'metadata', 'the SDK asks for auth metadata first');
    assert.deepEqual(credential.scopes, ['https://kusto.kusto.windows.net/.default']);
  });

  it('reads the cluster and database policies (grammar columns, Policy as JSON text)', async () => {
    const cluster = await client.getClusterPolicy();
    assert.deepEqual(cluster?.map((e) => [e.ObjectId, e.DisplayName, e.AllowedUsages]), [[DEMO_IDS.ingestPrincipalId, 'ingest-mi', ['NativeIngestion']]]);
    const telemetry = await client.getDatabasePolicy('Telemetry');
    assert.equal(telemetry?.[0].IsSystem, true);
    assert.equal(telemetry?.[0].ObjectId, DEMO_IDS.systemPrincipalId, 'the system identity shows as its principal id');
    assert.equal(await client.getDatabasePolicy('Staging'), null);
    assert.deepEqual((await client.getDatabasePolicy('Ops-Archive'))?.[0].AllowedUsages, ['ExportRequest', 'ExternalTable']);
  });

  it('reads the documented column shape (EntityName, Policies as dynamic) the same way', async () => {
    server.settings.policyColumns = 'documented';
    const sales = await client.getDatabasePolicy('Sales');
    assert.deepEqual(sales?.[0].AllowedUsages, ['ExternalTable']);
    assert.equal(await client.getDatabasePolicy('Staging'), null);
  });

  it('answers the effective-usage question from what it read', async () => {
    const cluster = await client.getClusterPolicy();
    const sales = await client.getDatabasePolicy('Sales');
    assert.equal(effectiveUsage({ cluster, database: sales }, 'system', 'NativeIngestion'), 'none');
    assert.equal(effectiveUsage({ cluster, database: sales }, DEMO_IDS.ingestPrincipalId, 'NativeIngestion'), 'cluster');
    assert.equal(effectiveUsage({ cluster, database: sales }, 'system', 'ExternalTable'), 'database');
  });

  it('.alter-merge unites usages on the server and returns the new policy', async () => {
    const after = await client.alterMergePolicy(databaseTarget('Sales'), [{ ObjectId: 'system', AllowedUsages: ['NativeIngestion'] }]);
    assert.deepEqual(after?.[0].AllowedUsages, ['ExternalTable', 'NativeIngestion']);
    assert.equal(server.state.databases.find((d) => d.name === 'Sales')?.policy?.[0].AllowedUsages, 'ExternalTable, NativeIngestion');
    const merged = await client.alterMergePolicy(CLUSTER_TARGET, [{ ObjectId: DEMO_IDS.exportPrincipalId, AllowedUsages: ['ExportRequest'] }]);
    assert.equal(merged?.length, 2);
    assert.equal(allowsUsage(merged, DEMO_IDS.exportPrincipalId, 'ExportRequest'), true);
  });

  it('.alter-merge on a database without a policy, needing brackets', async () => {
    await client.alterMergePolicy(databaseTarget('Staging'), [{ ObjectId: DEMO_IDS.ingestPrincipalId, AllowedUsages: ['NativeIngestion'] }]);
    await client.alterMergePolicy(databaseTarget('Ops-Archive'), [{ ObjectId: 'system', AllowedUsages: ['NativeIngestion'] }]);
    assert.equal(server.state.databases.find((d) => d.name === 'Staging')?.policy?.[0].DisplayName, 'ingest-mi');
    assert.equal(server.state.databases.find((d) => d.name === 'Ops-Archive')?.policy?.length, 2);
  });

  it('.alter replaces the policy; removing a usage round-trips through the model', async () => {
    const current = await client.getDatabasePolicy('Ops-Archive');
    const next = removeUsage(current, DEMO_IDS.exportPrincipalId, 'ExternalTable');
    const after = await client.alterPolicy(databaseTarget('Ops-Archive'), toPolicyInputs(next));
    assert.deepEqual(after?.map((e) => e.AllowedUsages), [['ExportRequest']]);
    await client.alterPolicy(CLUSTER_TARGET, [{ ObjectId: 'system', AllowedUsages: ['All'] }]);
    assert.deepEqual(server.state.clusterPolicy?.map((e) => [e.ObjectId, e.AllowedUsages]), [[DEMO_IDS.systemPrincipalId, 'All']]);
  });

  it('.delete removes the policy', async () => {
    await client.deletePolicy(databaseTarget('Telemetry'));
    await client.deletePolicy(CLUSTER_TARGET);
    assert.equal(server.state.databases[0].policy, null);
    assert.equal(server.state.clusterPolicy, null);
    assert.equal(await client.getClusterPolicy(), null);
  });

  it('rejects an identity not assigned to the cluster with the service\'s message, state unchanged', async () => {
    const stranger = '11111111-2222-4333-8444-555555555555';
    await assert.rejects(client.alterMergePolicy(databaseTarget('Sales'), [{ ObjectId: stranger, AllowedUsages: ['NativeIngestion'] }]),
      (e: unknown) => e instanceof KustoRequestError && e.kind === 'badRequest' && e.details.status === 400 &&
        e.message.includes(`'${stranger}' is not assigned to cluster 'demo'`));
    assert.equal(server.state.databases.find((d) => d.name === 'Sales')?.policy?.length, 1);
  });

  it('reports an unknown database in words', async () => {
    await assert.rejects(client.getDatabasePolicy('Nope'), (e: Error) => e instanceof KustoRequestError && /Database 'Nope' was not found/.test(e.message));
  });

  it('refuses invalid input before sending anything', async () => {
    const before = server.requests.length;
    await assert.rejects(client.alterMergePolicy(CLUSTER_TARGET, [{ ObjectId: 'bob', AllowedUsages: ['All'] }]), PolicyCommandError);
    await assert.rejects(client.alterMergePolicy(CLUSTER_TARGET, [{ ObjectId: 'system', AllowedUsages: ['Everything'] }]), PolicyCommandError);
    assert.equal(server.requests.length, before);
  });

  it('a read-only principal may read but gets the All Database Admin explanation on a change', async () => {
    server.settings.readOnlyTokens.add(credential.token);
    assert.ok(await client.getClusterPolicy());
    await assert.rejects(client.alterMergePolicy(CLUSTER_TARGET, [{ ObjectId: 'system', AllowedUsages: ['NativeIngestion'] }]),
      (e: Error) => e instanceof KustoRequestError && e.kind === 'forbidden' &&
        e.message.includes('Changing the managed_identity policy needs the All Database Admin role'));
    await assert.rejects(client.deletePolicy(databaseTarget('Sales')), (e: Error) => e instanceof KustoRequestError && e.kind === 'forbidden');
    assert.ok(server.state.databases.find((d) => d.name === 'Sales')?.policy);
  });
});
