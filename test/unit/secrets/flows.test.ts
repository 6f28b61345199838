// Every secret form issue 12 names, with its rule id, usage, flagged text and
// preferred rewrite; every look-alike that must stay quiet; and properties of
// the rewrites (fast-check): applying a fix never leaves the secret and is idempotent.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyEdits } from '../../../src/analyzers/fixes';
import type { Finding } from '../../../src/core/findings';
import { analyzeText } from '../../../src/core/scan/analyzeText';
import { redactSecrets } from '../../../src/core/secrets/redact';
import { AZURITE_KEY, KEY, OBJECT_ID, SAS, SIG, leaksSecret } from '../blob/samples';

const BLOB = 'https://contosodata.blob.core.windows.net/exports/orders.csv';
const ADLS = 'abfss://raw@contosodata.dfs.core.windows.net/events/2026';
const JWT = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL3N0b3JhZ2UuYXp1cmUuY29tIn0.ZmFrZVNpZ25hdHVyZUZvclRlc3RzT25seQ';
const PASSWORD = 'FakeSqlPassw0rdForTestsOnly';
const SYSTEM_ID = '11111111-2222-3333-4444-555555555555';
const IDENTITIES = [{ objectId: OBJECT_ID, displayName: 'ingest-mi' }, { objectId: SYSTEM_ID, displayName: 'cluster (system-assigned)', kind: 'system' as const }];

interface Row {
  readonly name: string;
  readonly file: string;
  readonly text: string;
  readonly rule: string;
  readonly usage: string | undefined;
  /** The flagged text. */
  readonly flagged: string;
  /** The text after the preferred fix; null when there is no automatic rewrite. */
  readonly fixed: string | null;
}

const SQL_HEAD = "evaluate sql_request(\n  'Server=tcp:contoso.database.windows.net,1433;Initial Catalog=Sales;'\n";

const ROWS: Row[] = [
  {
    name: 'SAS in a storage connection string', file: 'appsettings.json',
    text: `{ "Storage": "BlobEndpoint=https://contosodata.blob.core.windows.net/;SharedAccessSignature=${SAS}" }`,
    rule: 'sas-blob-uri', usage: 'NativeIngestion', flagged: SAS, fixed: null,
  },
  {
    name: 'SAS URI split over + in C#', file: 'Ingest.cs',
    text: `var uri = "${BLOB}" + "?${SAS}";`, rule: 'sas-blob-uri', usage: 'NativeIngestion', flagged: `?${SAS}`, fixed: null,
  },
  {
    name: 'SAS URI split over Python implicit concatenation', file: 'load.py',
    text: `uri = ("${BLOB}"\n       "?${SAS}")`, rule: 'sas-blob-uri', usage: 'NativeIngestion', flagged: `?${SAS}`, fixed: null,
  },
  {
    name: 'SAS URI split over adjacent KQL literals', file: 'q.kql',
    text: `.ingest into table T ('${BLOB}' h'?${SAS}')`, rule: 'sas-blob-uri', usage: 'NativeIngestion', flagged: `?${SAS}`, fixed: null,
  },
  {
    name: 'SAS URI split in the middle of the query', file: 'ingest.ts',
    text: `const uri = "${BLOB}?sv=2022-11-02&sp=r" +\n  "&se=2030-01-01&sig=${SIG}";`, rule: 'sas-blob-uri', usage: 'NativeIngestion', flagged: `&se=2030-01-01&sig=${SIG}`, fixed: null,
  },
  {
    name: 'template literal with an interpolated path and a literal SAS', file: 'ingest.ts',
    text: 'const uri = `https://contosodata.blob.core.windows.net/logs/${ day }/app.log?' + SAS + '`;',
    rule: 'sas-blob-uri', usage: 'NativeIngestion', flagged: 'https://contosodata.blob.core.windows.net/logs/${ day }/app.log?' + SAS, fixed: null,
  },
  {
    name: 'bare SAS token with ?', file: 'settings.py', text: `SAS_TOKEN = "?${SAS}"`, rule: 'sas-token', usage: 'NativeIngestion', flagged: `?${SAS}`, fixed: null,
  },
  {
    name: 'bare SAS token in .env', file: '.env', text: `STORAGE_SAS=${SAS}\n`, rule: 'sas-token', usage: 'NativeIngestion', flagged: SAS, fixed: null,
  },
  {
    name: 'ADLS ;sharedkey= in an external table', file: 'q.kql',
    text: `.create external table E (a:string) kind=storage dataformat=csv (h@'${ADLS};sharedkey=${KEY}')`,
    rule: 'storage-account-key', usage: 'ExternalTable', flagged: `${ADLS};sharedkey=${KEY}`,
    fixed: `.create external table E (a:string) kind=storage dataformat=csv (h@'${ADLS};managed_identity=system')`,
  },
  {
    name: 'ADLS ;sharedkey= in JSON settings', file: 'settings.json',
    text: `{ "source": "${ADLS};sharedkey=${KEY}" }`, rule: 'storage-account-key', usage: 'NativeIngestion', flagged: `${ADLS};sharedkey=${KEY}`,
    fixed: `{ "source": "${ADLS};managed_identity=system" }`,
  },
  {
    name: ';token= on an export target', file: 'q.kql',
    text: `.export to csv (h@"${BLOB};token=${JWT}") <| T`, rule: 'storage-access-token', usage: 'ExportRequest', flagged: `${BLOB};token=${JWT}`,
    fixed: `.export to csv (h@"${BLOB};managed_identity=system") <| T`,
  },
  {
    name: 'sql_request password split over literals', file: 'q.kql',
    text: `${SQL_HEAD}  h'User ID=loader;'\n  h'Password=${PASSWORD};',\n  'select 1')`,
    rule: 'sql-password', usage: 'SqlRequest', flagged: `Password=${PASSWORD};`,
    fixed: `${SQL_HEAD}  h''\n  h'Authentication="Active Directory Managed Identity";',\n  'select 1')`,
  },
  {
    name: 'kind=sql external table with Pwd= in one literal', file: 'q.kql',
    text: `.create external table E (a:int) kind=sql table=Orders (h@'Server=tcp:s.database.windows.net;UID=loader;Pwd=${PASSWORD};Initial Catalog=Sales')`,
    rule: 'sql-password', usage: 'ExternalTable', flagged: `Pwd=${PASSWORD};`,
    fixed: '.create external table E (a:int) kind=sql table=Orders (h@\'Server=tcp:s.database.windows.net;Authentication="Active Directory Managed Identity";Initial Catalog=Sales\')',
  },
  {
    name: 'SQL password inside a KQL command in C#', file: 'Query.cs',
    text: `var q = "evaluate sql_request('Server=tcp:s;User ID=u;Password=${PASSWORD}', 'select 1')";`,
    rule: 'sql-password', usage: 'SqlRequest', flagged: `Password=${PASSWORD}`,
    fixed: 'var q = "evaluate sql_request(\'Server=tcp:s;Authentication="Active Directory Managed Identity"\', \'select 1\')";',
  },
  {
    name: 'mysql_request password (no managed identity there)', file: 'q.kql',
    text: `evaluate mysql_request('Server=m.mysql.database.azure.com;UID=u;Pwd=${PASSWORD};', 'select 1')`,
    rule: 'sql-password', usage: 'SqlRequest', flagged: `Pwd=${PASSWORD};`, fixed: null,
  },
  {
    name: 'Cosmos DB key in cosmosdb_sql_request', file: 'q.kql',
    text: `evaluate cosmosdb_sql_request('AccountEndpoint=https://c.documents.azure.com:443/;Database=d;Collection=c;AccountKey=${KEY}', 'select 1')`,
    rule: 'cosmos-account-key', usage: 'SqlRequest', flagged: `AccountKey=${KEY}`,
    fixed: 'evaluate cosmosdb_sql_request(\'AccountEndpoint=https://c.documents.azure.com:443/;Database=d;Collection=c;Authentication="Active Directory Managed Identity"\', \'select 1\')',
  },
];

const QUIET: Array<[string, string, string]> = [
  ['a managed-identity URI', 'q.kql', `.ingest into table T ('${BLOB};managed_identity=system')`],
  [';impersonate', 'q.kql', `externaldata (a:string) [h@'${BLOB};impersonate']`],
  ['AAD managed identity SQL auth', 'q.kql', `evaluate sql_request('Server=tcp:s;Authentication="Active Directory Managed Identity";User Id=${OBJECT_ID}', 'select 1')`],
  ['docs placeholders USERNAME/PASSWORD', 'q.kql', "evaluate sql_request('Server=tcp:s;' h'User ID=USERNAME;' h'Password=PASSWORD;', 'select 1')"],
  ['a <password> placeholder', 'q.kql', ".create external table E (a:int) kind=sql table=T (h@'Server=s;User ID=u;Password=<password>;')"],
  ['a password outside a Kusto command', 'app.config', `<add name="Db" connectionString="Server=s;User ID=u;Password=${PASSWORD};" />`],
  ['a Cosmos DB connection string in app settings', 'appsettings.json', `{ "Cosmos": "AccountEndpoint=https://c.documents.azure.com:443/;AccountKey=${KEY};" }`],
  ['the Cosmos DB emulator key', 'x.cs', `"AccountEndpoint=https://localhost:8081/;AccountKey=C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw=="`],
  ['a placeholder SAS token', 'x.py', 'SAS = "?sv=2022-11-02&sp=r&sig=<signature>"'],
  ['a {sig} SAS token', 'x.py', 'SAS = f"?sv=2022-11-02&sp=r&sig={sig}"'],
  ['a ... SAS token', 'README.md', '`?sv=2022-11-02&sp=rl&sig=...`'],
  ['a short fake signature', 'x.py', 'SAS = "?sv=2022-11-02&sp=r&sig=abc123"'],
  ['a SAS on a non-storage host', 'x.py', `u = "https://example.com/download?${SAS}"`],
  ['a SAS split onto a non-storage host', 'x.py', `u = ("https://example.com/download"\n     "?${SAS}")`],
  ['a Service Bus SAS', 'x.cs', '"Endpoint=sb://ns.servicebus.windows.net/;SharedAccessSignature=SharedAccessSignature sr=ns&sig=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789%3D&se=1&skn=k"'],
  ['the emulator SAS connection string', 'x.cs', `"BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;SharedAccessSignature=${SAS}"`],
  ['the Azurite key with sharedkey', 'x.kql', `.ingest into table T ('abfss://fs@devstoreaccount1.dfs.core.windows.net/p;sharedkey=${AZURITE_KEY}')`],
  ['a token placeholder', 'README.md', `"${BLOB};token=1234567890abcdef1234567890abcdef1234567890abc..."`],
  ['a {AadToken} placeholder', 'README.md', `"${BLOB};token={AadToken}"`],
  ['a sharedkey placeholder', 'README.md', `"${ADLS};sharedkey=sv=...&sp=rwd"`],
];

function preferredApplied(text: string, f: Finding): string | null {
  const fix = f.fixes.find((x) => x.isPreferred);
  return fix ? applyEdits(text, fix.edits) : null;
}

describe('secrets in every managed-identity flow', () => {
  for (const row of ROWS) {
    it(`${row.rule}: ${row.name}`, () => {
      const findings = analyzeText(row.text, { fileName: row.file, identities: IDENTITIES });
      assert.equal(findings.length, 1, findings.map((f) => f.ruleId).join(', '));
      const [f] = findings;
      assert.deepEqual({ rule: f.ruleId, usage: f.usage, flagged: row.text.slice(f.start, f.end) }, { rule: row.rule, usage: row.usage, flagged: row.flagged });
      assert.equal(preferredApplied(row.text, f), row.fixed);
      assert.ok(!leaksSecret(f.message) && !f.message.includes(PASSWORD) && !f.message.includes(JWT.slice(0, 30)), f.message);
      if (row.usage && row.rule !== 'sql-password' && row.rule !== 'cosmos-account-key') assert.match(f.message, new RegExp(row.usage));
    });
  }

  for (const [name, file, text] of QUIET) {
    it(`stays quiet on ${name}`, () => {
      assert.deepEqual(analyzeText(text, { fileName: file }).map((f) => `${f.ruleId}: ${text.slice(f.start, f.end)}`), []);
    });
  }

  it('offers the system-assigned identity once, as ;managed_identity=system, then each user-assigned identity', () => {
    const text = `.export to csv (h@"${BLOB};token=${JWT}") <| T`;
    const [f] = analyzeText(text, { fileName: 'q.kql', identities: IDENTITIES });
    assert.deepEqual(f.fixes.map((x) => x.edits[0].newText), [`${BLOB};managed_identity=system`, `${BLOB};managed_identity=${OBJECT_ID}`]);
    assert.ok(!f.fixes.some((x) => x.title.includes(SYSTEM_ID)));
  });

  it('writes User Id=<object id> for a user-assigned identity in SQL', () => {
    const text = `evaluate sql_request('Server=tcp:s;User ID=u;Password=${PASSWORD};', 'select 1')`;
    const [f] = analyzeText(text, { fileName: 'q.kql', identities: IDENTITIES });
    const user = f.fixes.find((x) => !x.isPreferred)!;
    assert.equal(applyEdits(text, user.edits), `evaluate sql_request('Server=tcp:s;Authentication="Active Directory Managed Identity";User Id=${OBJECT_ID};', 'select 1')`);
  });

  it('quotes nothing inside a "..." KQL literal', () => {
    const text = `.create external table E (a:int) kind=sql (h@"Server=s;User ID=u;Password=${PASSWORD}")`;
    const [f] = analyzeText(text, { fileName: 'q.kql' });
    assert.equal(preferredApplied(text, f), '.create external table E (a:int) kind=sql (h@"Server=s;Authentication=Active Directory Managed Identity")');
  });

  it('reports a SAS in a URI written in one piece once, not again as a token', () => {
    const text = `u = "${BLOB}?${SAS}"`;
    assert.deepEqual(analyzeText(text, { fileName: 'x.py' }).map((f) => f.ruleId), ['sas-blob-uri']);
  });

  it('never lets a secret through the redaction of its own line', () => {
    for (const row of ROWS) {
      const masked = redactSecrets(row.text);
      assert.ok(!leaksSecret(masked) && !masked.includes(JWT.slice(-20)), `${row.name}: ${masked}`);
    }
  });

  describe('rewrites (fast-check)', () => {
    const password = fc.stringMatching(/^[A-Za-z0-9!_+-]{8,24}$/).filter((p) => /[a-z]/.test(p) && /\d/.test(p));
    const user = fc.stringMatching(/^[a-z][a-z0-9]{2,10}$/);
    const key = fc.stringMatching(/^[A-Za-z0-9+/]{86}$/).map((k) => `${k}==`);
    const quoteStyle = fc.constantFrom("'", "h'", "h@'", '"', 'h@"');
    const template = fc.constantFrom(
      (u: string, p: string, q: string) => `evaluate sql_request(${q}Server=tcp:s.database.windows.net,1433;User ID=${u};Password=${p};Initial Catalog=Sales${q.slice(-1)}, 'select 1')`,
      (u: string, p: string, q: string) => `.create external table E (a:int) kind=sql table=T (${q}Server=s;Pwd=${p};UID=${u}${q.slice(-1)})`,
      (u: string, p: string, q: string) => `evaluate sql_request(${q}Server=s;${q.slice(-1)}\n  ${q}User ID=${u};${q.slice(-1)}\n  ${q}Password=${p};${q.slice(-1)}, 'q')`,
    );

    it('a SQL rewrite never leaves the password or user and is idempotent', () => {
      fc.assert(fc.property(user, password, quoteStyle, template, (u, p, q, t) => {
        const text = t(u, p, q);
        const [f] = analyzeText(text, { fileName: 'q.kql', identities: IDENTITIES });
        assert.ok(f && f.ruleId === 'sql-password', text);
        for (const fix of f.fixes) {
          const out = applyEdits(text, fix.edits);
          assert.ok(!out.includes(`=${p}`) && !new RegExp(`(User ID|UID)=${u}`, 'i').test(out), out);
          assert.match(out, /Authentication="?Active Directory Managed Identity/);
          assert.deepEqual(analyzeText(out, { fileName: 'q.kql', identities: IDENTITIES }), [], out);
        }
      }));
    });

    it('a sharedkey/token rewrite never leaves the secret and is idempotent', () => {
      const secret = fc.oneof(key.map((k) => `sharedkey=${k}`), fc.constant(`token=${JWT}`));
      fc.assert(fc.property(secret, fc.constantFrom('q.kql', 'settings.json', 'x.cs'), (s, file) => {
        const text = `x = "${ADLS};${s}"`;
        const [f] = analyzeText(text, { fileName: file, identities: IDENTITIES });
        assert.ok(f, text);
        for (const fix of f.fixes) {
          const out = applyEdits(text, fix.edits);
          assert.ok(!out.includes(s.slice(s.indexOf('=') + 1)), out);
          assert.deepEqual(analyzeText(out, { fileName: file, identities: IDENTITIES }), []);
        }
      }));
    });
  });
});
