// The real Kusto client reads a database's schema from the local Kusto server,
// as the KQL language service does when a file is bound to a database.
import assert from 'node:assert/strict';
import { ManagedIdentityPolicyClient } from '../../src/clients/kusto';
import { parseDatabaseSchema } from '../../src/core/kql/databaseSchema';
import { startKustoServer, type KustoTestServer } from '../servers/kusto';
import { fastRetry, StaticCredential } from './helpers';

describe('Kusto client on the local server', () => {
  let server: KustoTestServer;
  let client: ManagedIdentityPolicyClient;

  before(async () => {
    server = await startKustoServer();
    client = new ManagedIdentityPolicyClient(server.url, new StaticCredential(), { retry: fastRetry() });
  });
  after(async () => {
    client.dispose();
    await server.close();
  });

  describe('database schema', () => {
    it('loads .show database schema as json into tables and columns', async () => {
      const schema = parseDatabaseSchema(await client.getDatabaseSchemaJson('Telemetry'), 'Telemetry');
      assert.deepEqual(schema?.tables.map((t) => t.name), ['Events', 'Metrics']);
      assert.deepEqual(schema?.tables[1].columns, [{ name: 'Timestamp', type: 'datetime' }, { name: 'Name', type: 'string' }, { name: 'Value', type: 'real' }]);
      const mgmt = server.requests.filter((r) => r.endpoint === 'mgmt');
      assert.match(JSON.stringify(mgmt[mgmt.length - 1]), /\.show database \['Telemetry'\] schema as json/);
    });

    it('says which database is missing', async () => {
      await assert.rejects(client.getDatabaseSchemaJson('Nope'), /Nope/);
    });
  });

  describe('running what the user wrote', () => {
    it('runs a query and keeps the first rows, with the column names and types', async () => {
      const result = await client.runKql('Telemetry', 'Metrics | take 20', { maxRows: 5 });
      assert.deepEqual(result.columns.map((c) => c.name), ['Timestamp', 'Name', 'Value']);
      assert.equal(result.rows.length, 5);
      assert.equal(result.truncated, true);
      assert.equal(result.rows[1][1], 'Name-1');
      assert.equal(server.requests[server.requests.length - 1].endpoint, 'query');
    });

    it('runs a management command on the management endpoint', async () => {
      const result = await client.runKql('Sales', '.show database Sales policy managed_identity');
      assert.ok(result.columns.some((c) => c.name === 'Policy'));
      assert.equal(server.requests[server.requests.length - 1].endpoint, 'mgmt');
    });

    it('sends a state-changing command once, even when the cluster answers 503', async () => {
      server.faults.failNext(503, { endpoints: ['mgmt'], count: 3 });
      const before = server.requests.filter((r) => r.endpoint === 'mgmt').length;
      await assert.rejects(client.runKql('Sales', ".alter-merge database Sales policy managed_identity \"[ { 'ObjectId' : 'system', 'AllowedUsages' : 'NativeIngestion' } ]\"", { changesState: true }));
      assert.equal(server.requests.filter((r) => r.endpoint === 'mgmt').length - before, 1);
      server.faults.clear();
    });

    it('a cancelled query is cancelled on the cluster too, by its client request id', async () => {
      server.faults.setLatency(20_000, /^Metrics/);
      try {
        const abort = new AbortController();
        const run = client.runKql('Telemetry', 'Metrics | take 5', { signal: abort.signal });
        await waitUntil(() => server.requests.some((r) => r.csl === 'Metrics | take 5'));
        abort.abort();
        await assert.rejects(run, /cancel/i);
        const query = server.requests.find((r) => r.csl === 'Metrics | take 5');
        await waitUntil(() => server.cancelledQueries.length > 0);
        assert.deepEqual(server.cancelledQueries, [query?.clientRequestId]);
        const cancel = server.requests.find((r) => r.csl?.startsWith('.cancel query'));
        assert.equal(cancel?.endpoint, 'mgmt');
        assert.equal(cancel?.status, 200);
      } finally {
        server.faults.clear();
      }
    });

    it('does not send .cancel query for a management command (the cluster cannot cancel those that way)', async () => {
      server.faults.setLatency(20_000, /^\.show database Sales policy/);
      const cancelsBefore = server.requests.filter((r) => r.csl?.startsWith('.cancel')).length;
      try {
        const abort = new AbortController();
        const run = client.runKql('Sales', '.show database Sales policy managed_identity', { signal: abort.signal });
        await waitUntil(() => server.requests.some((r) => r.csl === '.show database Sales policy managed_identity'));
        abort.abort();
        await assert.rejects(run, /cancel/i);
        await new Promise((r) => setTimeout(r, 300));
        assert.equal(server.requests.filter((r) => r.csl?.startsWith('.cancel')).length, cancelsBefore);
      } finally {
        server.faults.clear();
      }
    });
  });

  async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
    for (const started = Date.now(); !condition(); await new Promise((r) => setTimeout(r, 20))) {
      if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    }
  }
});
