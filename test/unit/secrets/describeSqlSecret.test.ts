// The hover of `sql-password` and `cosmos-account-key` findings: it leads with
// what the connection string reaches, the flow and its policy usage, and the
// fix, and never shows the password or key.

import assert from 'node:assert/strict';
import { analyzeText } from '../../../src/core/scan/analyzeText';
import { renderSqlSecretHover } from '../../../src/core/secrets/describeSqlSecret';
import { KEY } from '../blob/samples';

const PASSWORD = 'FakeSqlPassw0rdForTestsOnly';

function hover(text: string, file = 'q.kql'): { lead: string; all: string } {
  const [f] = analyzeText(text, { fileName: file }).filter((x) => x.ruleId === 'sql-password' || x.ruleId === 'cosmos-account-key');
  assert.ok(f, 'a finding');
  const all = renderSqlSecretHover(text, f.start, f.ruleId, f.usage);
  assert.ok(all, 'a hover');
  for (const secret of [PASSWORD, KEY]) assert.ok(!all.includes(secret), 'the hover leaks the secret');
  return { lead: all.split('\n---\n')[0], all };
}

describe('hover of SQL and Cosmos DB secrets', () => {
  it('sql_request split over literals: server and database, SqlRequest, the managed-identity fix', () => {
    const text = [
      'evaluate sql_request(',
      "    'Server=tcp:contoso.database.windows.net,1433;Initial Catalog=Sales;'",
      "    h'User ID=loader;'",
      `    h'Password=${PASSWORD};',`,
      "    'select * from Orders')",
    ].join('\n');
    const { lead, all } = hover(text);
    assert.match(lead, /^\*\*SQL connection string\*\* server `tcp:contoso\.database\.windows\.net,1433` \/ database `Sales` — password in the query text/);
    assert.match(lead, /- Flow: the `sql_request` plugin — allow `SqlRequest` in the managed_identity policy/);
    assert.match(lead, /- Fix: `Authentication="Active Directory Managed Identity"` \(add `;User Id=<object id>` for a user-assigned identity\) instead of `User Id`, `Password`; create a database user/);
    assert.match(all, /- Password: `\*\*\*`/);
    assert.match(all, /- Split over 3 adjacent literals/);
  });

  it('a kind=sql external table names ExternalTable', () => {
    const { lead } = hover(`.create external table E (a:int) kind=sql table=Orders (h@'Server=tcp:s.database.windows.net;UID=loader;Pwd=${PASSWORD};Initial Catalog=Sales')`);
    assert.match(lead, /server `tcp:s\.database\.windows\.net` \/ database `Sales`/);
    assert.match(lead, /- Flow: a `kind=sql` external table — allow `ExternalTable`/);
  });

  it('cosmosdb_sql_request: the account, database and container, never the key', () => {
    const { lead, all } = hover(`evaluate cosmosdb_sql_request('AccountEndpoint=https://contoso.documents.azure.com:443/;Database=Sales;Collection=Orders;AccountKey=${KEY}', 'select 1')`);
    assert.match(lead, /^\*\*Cosmos DB connection string\*\* account `contoso` \/ database `Sales` \/ container `Orders` — account key in the query text/);
    assert.match(lead, /`cosmosdb_sql_request` plugin — allow `SqlRequest`/);
    assert.match(lead, /Cosmos DB Built-in Data Reader/);
    assert.match(all, /- AccountKey: `\*\*\*`/);
  });

  it('mysql_request: no managed-identity rewrite, the advice instead', () => {
    const { lead } = hover(`evaluate mysql_request('Server=m.mysql.database.azure.com;UID=u;Pwd=${PASSWORD};', 'select 1')`);
    assert.match(lead, /^\*\*MySQL connection string\*\* server `m\.mysql\.database\.azure\.com`/);
    assert.match(lead, /- Fix: none with a managed identity/);
  });

  it('no hover away from a connection string', () => {
    assert.equal(renderSqlSecretHover('print 1', 0, 'sql-password', undefined), undefined);
  });
});
