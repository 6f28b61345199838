// Loading every database's policy with a bound on requests in flight; one
// failing database is reported beside the others, never instead of them.
import assert from 'node:assert/strict';
import { DEFAULT_POLICY_LOAD_CONCURRENCY, ManagedIdentityPolicyClient, KustoRequestError } from '../../src/clients/kusto';
import { largeClusterState, startKustoServer, type KustoTestServer } from '../servers/kusto';
import { fastRetry, StaticCredential } from './helpers';

describe('Kusto client: loading all database policies', () => {
  let server: KustoTestServer;
  let client: ManagedIdentityPolicyClient;

  afterEach(async () => {
    client.dispose();
    await server.close();
  });

  it('loads every database in input order, bounded by the concurrency', async () => {
    server = await startKustoServer({ seed: largeClusterState(60) });
    client = new ManagedIdentityPolicyClient(server.url, new StaticCredential(), { retry: fastRetry() });
    server.faults.setLatency(20, /policy/);
    const names = (await client.listDatabases()).map((d) => d.name);
    const results = await client.loadAllDatabasePolicies(names, { concurrency: 8 });
    assert.deepEqual(results.map((r) => r.name), names);
    assert.equal(results.filter((r) => 'policy' in r && r.policy !== null).length, 20);
    assert.ok(server.load.maxInFlight <= 8, `max in flight ${server.load.maxInFlight}`);
    assert.ok(server.load.maxInFlight >= 4, 'requests really ran in parallel');
  });

  it(`defaults to ${DEFAULT_POLICY_LOAD_CONCURRENCY} in flight`, async () => {
    server = await startKustoServer({ seed: largeClusterState(100) });
    client = new ManagedIdentityPolicyClient(server.url, new StaticCredential(), { retry: fastRetry() });
    server.faults.setLatency(30, /policy/);
    await client.loadAllDatabasePolicies(server.state.databases.map((d) => d.name));
    const max = server.load.maxInFlight;
    assert.ok(max <= DEFAULT_POLICY_LOAD_CONCURRENCY && max > DEFAULT_POLICY_LOAD_CONCURRENCY / 2, `max in flight ${max}`);
  });

  it('one failing database (and one missing) leaves the others loaded', async () => {
    server = await startKustoServer();
    client = new ManagedIdentityPolicyClient(server.url, new StaticCredential(), { retry: fastRetry() });
    server.faults.failNext(500, { count: Infinity, match: /\['Sales'\]/ });
    const results = await client.loadAllDatabasePolicies(['Telemetry', 'Sales', 'Staging', 'Gone', 'Ops-Archive'], { concurrency: 2 });
    assert.deepEqual(results.map((r) => ('error' in r ? `${r.name}: error` : `${r.name}: ok`)),
      ['Telemetry: ok', 'Sales: error', 'Staging: ok', 'Gone: error', 'Ops-Archive: ok']);
    const sales = results[1];
    assert.ok('error' in sales && sales.error instanceof KustoRequestError && sales.error.kind === 'serverError');
    assert.match((results[3] as { error: Error }).error.message, /Database 'Gone' was not found/);
  });

  it('stops starting new requests when cancelled', async () => {
    server = await startKustoServer({ seed: largeClusterState(40) });
    client = new ManagedIdentityPolicyClient(server.url, new StaticCredential(), { retry: fastRetry() });
    server.faults.setLatency(50, /policy/);
    const controller = new AbortController();
    const pending = client.loadAllDatabasePolicies(server.state.databases.map((d) => d.name), { concurrency: 4, signal: controller.signal });
    setTimeout(() => controller.abort(), 120);
    await assert.rejects(pending, (e: Error) => e instanceof KustoRequestError && e.kind === 'cancelled');
    const policyRequests = server.requests.filter((r) => r.csl?.includes('policy')).length;
    assert.ok(policyRequests < 20, `${policyRequests} requests were sent`);
  });
});
