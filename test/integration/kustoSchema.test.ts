// The real Kusto client reads a database's schema from the local Kusto server,
// as the KQL language service does when a file is bound to a database.
import assert from 'node:assert/strict';
import { ManagedIdentityPolicyClient } from '../../src/clients/kusto';
import { parseDatabaseSchema } from '../../src/core/kql/databaseSchema';
import { startKustoServer, type KustoTestServer } from '../servers/kusto';
import { fastRetry, StaticCredential } from './helpers';

describe('Kusto client: database schema', () => {
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
