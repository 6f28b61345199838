// ARM discovery with @azure/arm-kusto and a plain subscriptions GET against
// the local ARM server; the clusters point at a local Kusto server.
import assert from 'node:assert/strict';
import { ArmRequestError, armEndpointSettings, discoverKustoClusters, getKustoCluster, listClusters, listSubscriptions } from '../../src/clients/arm';
import { ManagedIdentityPolicyClient } from '../../src/clients/kusto';
import { DEMO_SECOND_SUBSCRIPTION_ID, demoArmState, startArmServer, type ArmTestServer } from '../servers/arm';
import { DEMO_IDS, DEMO_SUBSCRIPTION_ID, startKustoServer, type KustoTestServer } from '../servers/kusto';
import { assertNoSecret, StaticCredential } from './helpers';

const fastSdkRetry = { maxRetries: 2, retryDelayInMs: 10, maxRetryDelayInMs: 50 };

describe('ARM discovery', () => {
  let kusto: KustoTestServer;
  let arm: ArmTestServer;
  const credential = new StaticCredential();

  beforeEach(async () => {
    kusto = await startKustoServer();
    arm = await startArmServer({ state: demoArmState(kusto.url), subscriptionPageSize: 1 });
  });
  afterEach(async () => {
    await arm.close();
    await kusto.close();
  });

  it('lists subscriptions page by page (nextLink)', async () => {
    const subs = await listSubscriptions(credential, armEndpointSettings(arm.url));
    assert.equal(subs.length, 3);
    assert.equal(arm.requests.filter((r) => r.endpoint === 'subscriptions').length, 3);
    assert.deepEqual(subs.map((s) => s.state), ['Enabled', 'Enabled', 'Disabled']);
  });

  it('finds the clusters of readable subscriptions with their identities', async () => {
    const result = await discoverKustoClusters(credential, { endpoint: arm.url, sdkRetry: fastSdkRetry });
    assert.deepEqual(result.failures, []);
    assert.deepEqual(result.clusters.map((c) => c.name).sort(), ['demo', 'devnoidentity']);
    const demo = result.clusters.find((c) => c.name === 'demo')!;
    assert.equal(demo.uri, kusto.url);
    assert.equal(demo.subscriptionId, DEMO_SUBSCRIPTION_ID);
    assert.equal(demo.resourceGroup, 'rg-kusto-demo');
    assert.equal(demo.state, 'Running');
    assert.deepEqual(demo.identities.map((i) => [i.kind, i.objectId, i.clientId, i.displayName]), [
      ['system', DEMO_IDS.systemPrincipalId, undefined, 'demo (system-assigned)'],
      ['userAssigned', DEMO_IDS.ingestPrincipalId, DEMO_IDS.ingestClientId, 'ingest-mi'],
      ['userAssigned', DEMO_IDS.exportPrincipalId, DEMO_IDS.exportClientId, 'export-mi'],
    ]);
    assert.equal(result.clusters.find((c) => c.name === 'devnoidentity')?.identities.length, 0);
    const listed = arm.requests.filter((r) => r.endpoint === 'clusters');
    assert.equal(listed.length, 2, 'the disabled subscription is not asked');
    assert.ok(listed.every((r) => r.token === credential.token && r.apiVersion));
  });

  it('the discovered URI and identities work with the Kusto client', async () => {
    const { clusters } = await discoverKustoClusters(credential, { endpoint: arm.url, subscriptionIds: [DEMO_SUBSCRIPTION_ID] });
    const client = new ManagedIdentityPolicyClient(clusters[0].uri, credential);
    try {
      const ingest = clusters[0].identities.find((i) => i.displayName === 'ingest-mi')!;
      const after = await client.alterMergePolicy({ kind: 'database', database: 'Staging' }, [{ ObjectId: ingest.objectId, AllowedUsages: ['NativeIngestion'] }]);
      assert.equal(after?.[0].ClientId, ingest.clientId);
    } finally {
      client.dispose();
    }
  });

  it('reads one cluster, and one subscription\'s clusters, directly', async () => {
    const one = await getKustoCluster(credential, { subscriptionId: DEMO_SUBSCRIPTION_ID, resourceGroup: 'rg-kusto-demo', name: 'demo' }, { endpoint: arm.url });
    assert.equal(one.uri, kusto.url);
    assert.equal(one.identities.length, 3);
    assert.equal(arm.requests.at(-1)?.endpoint, 'cluster');
    assert.deepEqual((await listClusters(credential, DEMO_SECOND_SUBSCRIPTION_ID, { endpoint: arm.url })).map((c) => c.name), ['devnoidentity']);
    await assert.rejects(getKustoCluster(credential, { subscriptionId: DEMO_SUBSCRIPTION_ID, resourceGroup: 'rg-kusto-demo', name: 'nope' }, { endpoint: arm.url }),
      (e: unknown) => e instanceof ArmRequestError && e.kind === 'notFound' && /was not found/.test(e.message));
  });

  it('one subscription failing is reported beside the other\'s clusters', async () => {
    arm.faults.failNext(403, { count: Infinity, match: new RegExp(DEMO_SECOND_SUBSCRIPTION_ID) });
    const result = await discoverKustoClusters(credential, { endpoint: arm.url, sdkRetry: fastSdkRetry });
    assert.deepEqual(result.clusters.map((c) => c.name), ['demo']);
    assert.equal(result.failures.length, 1);
    assert.equal(result.failures[0].error.kind, 'forbidden');
    assert.match(result.failures[0].error.message, /Reader role/);
  });

  it('transient 503 and 429 are retried by the SDK', async () => {
    arm.faults.failNext(503, { endpoints: ['clusters'] }).failNext(429, { endpoints: ['clusters'], retryAfterSeconds: 0 });
    const result = await discoverKustoClusters(credential, { endpoint: arm.url, subscriptionIds: [DEMO_SUBSCRIPTION_ID], sdkRetry: fastSdkRetry });
    assert.equal(result.clusters.length, 1);
  });

  it('errors are ArmRequestErrors in words, without the token', async () => {
    arm.faults.failNext(401, { endpoints: ['subscriptions'] });
    await assert.rejects(discoverKustoClusters(credential, { endpoint: arm.url }), (e: unknown) =>
      e instanceof ArmRequestError && e.kind === 'unauthorized' && /Sign in to Azure again/.test(e.message) && (assertNoSecret(e.message, credential.token), true));
    arm.faults.malformedNext({ endpoints: ['clusters'] });
    const malformed = await discoverKustoClusters(credential, { endpoint: arm.url, subscriptionIds: [DEMO_SUBSCRIPTION_ID] });
    assert.equal(malformed.failures[0]?.error.kind, 'malformedResponse');
    arm.faults.hangNext({ endpoints: ['clusters'] });
    const hung = await discoverKustoClusters(credential, { endpoint: arm.url, subscriptionIds: [DEMO_SUBSCRIPTION_ID], timeoutMs: 500 });
    assert.equal(hung.failures[0]?.error.kind, 'timeout');
    for (const f of [...malformed.failures, ...hung.failures]) assertNoSecret(f.error.message, credential.token);
  });

  it('503 every time: service unavailable, not "internal error"; a reset half-way through every body: a lost connection', async () => {
    arm.faults.failNext(503, { endpoints: ['clusters'], count: Infinity });
    const unavailable = await discoverKustoClusters(credential, { endpoint: arm.url, subscriptionIds: [DEMO_SUBSCRIPTION_ID], sdkRetry: fastSdkRetry });
    assert.equal(unavailable.failures[0]?.error.kind, 'serverError');
    assert.match(unavailable.failures[0]?.error.message ?? '', /service is unavailable \(HTTP 503\)/);
    arm.faults.clear().resetMidBodyNext({ endpoints: ['clusters'], count: Infinity });
    const dropped = await discoverKustoClusters(credential, { endpoint: arm.url, subscriptionIds: [DEMO_SUBSCRIPTION_ID], sdkRetry: fastSdkRetry });
    assert.equal(dropped.failures[0]?.error.kind, 'unreachable', dropped.failures[0]?.error.message);
    assert.match(dropped.failures[0]?.error.message ?? '', /connection was closed before Azure Resource Manager answered/);
    assert.ok(arm.requests.filter((r) => r.fault === 'resetMidBody').length > 1, 'retried');
  });

  it('the subscription list dropped half-way: retried, then listed; dropped every time: a lost connection', async () => {
    const settings = armEndpointSettings(arm.url);
    arm.faults.resetMidBodyNext({ endpoints: ['subscriptions'] });
    assert.ok((await listSubscriptions(credential, settings, { retry: { policy: { baseDelayMs: 5, maxDelayMs: 20 } } })).length > 0);
    arm.faults.clear().resetMidBodyNext({ endpoints: ['subscriptions'], count: Infinity });
    await assert.rejects(listSubscriptions(credential, settings, { retry: { policy: { baseDelayMs: 5, maxDelayMs: 20 } } }), (e: unknown) =>
      e instanceof ArmRequestError && e.kind === 'unreachable' && /connection was closed/.test(e.message));
  });

  it('connection refused: unreachable', async () => {
    const url = arm.url;
    await arm.close();
    await assert.rejects(discoverKustoClusters(credential, { endpoint: url }), (e: unknown) => e instanceof ArmRequestError && e.kind === 'unreachable');
  });

  it('requires a token and an api-version (server behaviour)', async () => {
    const noToken = await fetch(`${arm.url}/subscriptions?api-version=2022-12-01`);
    assert.equal(noToken.status, 401);
    const noVersion = await fetch(`${arm.url}/subscriptions`, { headers: { authorization: 'Bearer x' } });
    assert.equal(noVersion.status, 400);
    const one = await fetch(`${arm.url}/subscriptions/${DEMO_SUBSCRIPTION_ID}/resourceGroups/rg-kusto-demo/providers/Microsoft.Kusto/clusters/demo?api-version=2023-08-15`,
      { headers: { authorization: 'Bearer x' } });
    const body = (await one.json()) as { type: string; identity: { type: string }; properties: { uri: string } };
    assert.equal(body.type, 'Microsoft.Kusto/Clusters');
    assert.equal(body.identity.type, 'SystemAssigned, UserAssigned');
    assert.equal(body.properties.uri, kusto.url);
  });

  it('cluster lists page when asked (server paging for other readers of the API)', async () => {
    await arm.close();
    arm = await startArmServer({ state: demoArmState(kusto.url), clusterPageSize: 1 });
    arm.state.subscriptions[0].clusters.push({ ...arm.state.subscriptions[0].clusters[0], name: 'demo2' });
    const path = `${arm.url}/subscriptions/${DEMO_SUBSCRIPTION_ID}/providers/Microsoft.Kusto/clusters?api-version=2023-08-15`;
    const first = (await (await fetch(path, { headers: { authorization: 'Bearer x' } })).json()) as { value: unknown[]; nextLink?: string };
    assert.equal(first.value.length, 1);
    const second = (await (await fetch(first.nextLink!, { headers: { authorization: 'Bearer x' } })).json()) as { value: { name: string }[]; nextLink?: string };
    assert.deepEqual(second.value.map((c) => c.name), ['demo2']);
    assert.equal(second.nextLink, undefined);
  });

  it('refuses plain http to a non-loopback endpoint', () => {
    assert.throws(() => armEndpointSettings('http://management.example.com'), /must use https/);
    assert.equal(armEndpointSettings(arm.url).allowInsecureConnection, true);
    assert.equal(armEndpointSettings().allowInsecureConnection, false);
  });
});
