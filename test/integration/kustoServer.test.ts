// The local Kusto server's own wire behaviour, checked with plain HTTP and
// with the SDK's v2 query path, so the client tests stand on a faithful server.
import assert from 'node:assert/strict';
import { startKustoServer, type KustoTestServer } from '../servers/kusto';
import { StaticCredential } from './helpers';

interface WireBody {
  Tables: { TableName: string; Columns: { ColumnName: string; ColumnType: string }[]; Rows: unknown[][] }[];
  error: { code: string; '@type': string; '@message': string; '@permanent': boolean };
}

interface MetadataBody {
  AzureAD: Record<string, string | boolean>;
  dSTS: Record<string, string>;
}

async function mgmt(server: KustoTestServer, csl: string, token: string | null = 'tok', db = 'NetDefaultDB') {
  const res = await fetch(`${server.url}/v1/rest/mgmt`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ db, csl }),
  });
  return { status: res.status, body: (await res.json()) as WireBody };
}

describe('Kusto test server: wire protocol', () => {
  let server: KustoTestServer;
  beforeEach(async () => {
    server = await startKustoServer();
  });
  afterEach(() => server.close());

  it('serves the real auth metadata shape without a token', async () => {
    const body = (await (await fetch(`${server.url}/v1/rest/auth/metadata`)).json()) as MetadataBody;
    assert.equal(body.AzureAD.KustoServiceResourceId, 'https://kusto.kusto.windows.net');
    assert.equal(body.AzureAD.KustoClientAppId, 'db662dc1-0cfe-4e1c-a843-19a68e65be58');
    assert.ok(body.dSTS.DstsRealm);
  });

  it('needs a bearer token (401 with a Kusto error body)', async () => {
    const { status, body } = await mgmt(server, '.show databases', null);
    assert.equal(status, 401);
    assert.equal(body.error.code, 'Unauthorized');
  });

  it('answers v1 tables with ColumnType', async () => {
    const { body } = await mgmt(server, '.show databases', 'tok', 'Sales');
    const table = body.Tables[0];
    assert.equal(table.TableName, 'Table_0');
    assert.deepEqual(table.Columns.slice(0, 6).map((c) => c.ColumnName), ['DatabaseName', 'PersistentStorage', 'Version', 'IsCurrent', 'DatabaseAccessMode', 'PrettyName']);
    assert.equal(table.Columns[3].ColumnType, 'bool');
    assert.deepEqual(table.Rows.map((r) => r[3]), [false, true, false, false]);
  });

  it('accepts plain, [\'name\'] and ["name"] database names, and rejects a dashed plain one', async () => {
    for (const name of ['Sales', "['Sales']", '["Sales"]']) {
      const { status, body } = await mgmt(server, `.show database ${name} policy managed_identity`);
      assert.equal(status, 200, name);
      assert.equal(body.Tables[0].Rows[0][1], '[Sales]');
    }
    assert.equal((await mgmt(server, '.show database Ops-Archive policy managed_identity')).status, 400);
  });

  it('accepts the three literal forms and the system keyword', async () => {
    const sys = server.state.identities.system!.principalId;
    const forms = [
      `"[ { 'ObjectId' : 'system', 'AllowedUsages' : 'NativeIngestion' } ]"`,
      `'[{"ObjectId": "${sys}", "AllowedUsages": "ExternalTable"}]'`,
      '```[\n  { "ObjectId": "system", "AllowedUsages": "SqlRequest, ExternalTable" }\n]```',
    ];
    for (const literal of forms) {
      const { status } = await mgmt(server, `.alter-merge database Staging policy managed_identity ${literal}`);
      assert.equal(status, 200, literal);
    }
    assert.equal(server.state.databases[2].policy?.[0].AllowedUsages, 'NativeIngestion, ExternalTable, SqlRequest');
    assert.equal(server.state.databases[2].policy?.[0].ObjectId, sys);
  });

  it('rejects unknown usages, malformed JSON and unknown commands with Kusto error bodies', async () => {
    const unknownUsage = await mgmt(server, `.alter cluster policy managed_identity "[ { 'ObjectId' : 'system', 'AllowedUsages' : 'Ingest' } ]"`);
    assert.equal(unknownUsage.status, 400);
    assert.equal(unknownUsage.body.error['@type'], 'Kusto.Data.Exceptions.KustoBadRequestException');
    assert.match(unknownUsage.body.error['@message'], /'Ingest' is not a valid managed identity usage/);
    assert.equal(unknownUsage.body.error['@permanent'], true);
    const malformed = await mgmt(server, `.alter cluster policy managed_identity "[ { 'ObjectId' : 'system', "`);
    assert.equal(malformed.status, 400);
    assert.match(malformed.body.error['@message'], /not valid JSON/);
    const unknown = await mgmt(server, '.drop database Sales');
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error['@type'], 'Kusto.Data.Exceptions.SyntaxException');
    assert.equal(server.state.databases.length, 4);
  });

  it('returns v2 frames on /v2/rest/query, read by the SDK', async () => {
    const sdk = await import('azure-kusto-data');
    const kcsb = sdk.KustoConnectionStringBuilder.withTokenCredential(server.url, new StaticCredential());
    const client = new sdk.Client(kcsb);
    try {
      const res = await client.executeQuery('Sales', '.show databases');
      assert.equal(res.primaryResults[0].toJSON().data.length, 4);
      assert.equal(server.requests.at(-1)?.path, '/v2/rest/query');
    } finally {
      client.close();
    }
  });

  it('a seed is copied: two servers from one seed do not share state', async () => {
    const other = await startKustoServer();
    try {
      other.state.databases.pop();
      assert.equal(server.state.databases.length, 4);
    } finally {
      await other.close();
    }
  });
});
