// Table-driven cases for rule sas-blob-uri: every URI form, in the string
// syntax of each language the finder must cope with, and the look-alikes it must ignore.

import assert from 'node:assert/strict';
import { analyzeText } from '../../../src/core/scan/analyzeText';
import { OBJECT_ID, SAS, SIG, leaksSecret, summarize } from './samples';

const BLOB = 'https://contosodata.blob.core.windows.net/exports/2024/orders.csv';
const MI = `${BLOB};managed_identity=system`;
const URI = `${BLOB}?${SAS}`;

interface Positive {
  readonly name: string;
  readonly text: string;
  /** The exact text the finding must cover. */
  readonly flagged: string;
  /** The preferred fix's replacement, or null when no rewrite may be offered. */
  readonly fix: string | null;
  /** A word the message must contain (the reason when there is no fix). */
  readonly says?: string;
}

const positives: Positive[] = [
  // Languages
  { name: 'C# regular string', text: `var uri = "${URI}";`, flagged: URI, fix: MI },
  { name: 'C# verbatim string', text: `var uri = @"${URI}";`, flagged: URI, fix: MI },
  {
    name: 'C# interpolated string with an interpolated account',
    text: `var uri = $"https://{account}.blob.core.windows.net/exports/{name}?sv=2022-11-02&sig=${SIG}";`,
    flagged: `https://{account}.blob.core.windows.net/exports/{name}?sv=2022-11-02&sig=${SIG}`,
    fix: 'https://{account}.blob.core.windows.net/exports/{name};managed_identity=system',
  },
  { name: 'Python single-quoted, sig before sv', text: `url = 'https://a1.blob.core.windows.net/c/f.csv?sig=${SIG}&sv=2022-11-02'`, flagged: `https://a1.blob.core.windows.net/c/f.csv?sig=${SIG}&sv=2022-11-02`, fix: 'https://a1.blob.core.windows.net/c/f.csv;managed_identity=system' },
  { name: 'Python f-string with a literal SAS', text: `url = f"https://a1.blob.core.windows.net/{container}/x.csv?${SAS}"`, flagged: `https://a1.blob.core.windows.net/{container}/x.csv?${SAS}`, fix: 'https://a1.blob.core.windows.net/{container}/x.csv;managed_identity=system' },
  {
    name: 'TypeScript template literal with ${account}',
    text: `const u = \`https://\${account}.blob.core.windows.net/web/app.json?${SAS}\`;`,
    flagged: `https://\${account}.blob.core.windows.net/web/app.json?${SAS}`,
    fix: 'https://${account}.blob.core.windows.net/web/app.json;managed_identity=system',
  },
  { name: 'Java string, US Government cloud', text: `static final String U = "https://a1.blob.core.usgovcloudapi.net/c/f.json?${SAS}";`, flagged: `https://a1.blob.core.usgovcloudapi.net/c/f.json?${SAS}`, fix: 'https://a1.blob.core.usgovcloudapi.net/c/f.json;managed_identity=system' },
  { name: 'Go raw string, China cloud, dfs', text: `u := \`https://a1.dfs.core.chinacloudapi.cn/fs/dir/f.parquet?${SAS}\``, flagged: `https://a1.dfs.core.chinacloudapi.cn/fs/dir/f.parquet?${SAS}`, fix: 'https://a1.dfs.core.chinacloudapi.cn/fs/dir/f.parquet;managed_identity=system' },
  { name: 'PowerShell double-quoted', text: `$uri = "${URI}"`, flagged: URI, fix: MI },
  { name: 'shell, unquoted argument', text: `azcopy copy ./f ${URI} --recursive`, flagged: URI, fix: MI },
  { name: 'JSON value', text: `{ "source": "${URI}" }`, flagged: URI, fix: MI },
  {
    name: 'JSON with \\u0026 separators',
    text: `{"u":"${BLOB}?sv=2022-11-02\\u0026sp=r\\u0026sig=${SIG}"}`,
    flagged: `${BLOB}?sv=2022-11-02\\u0026sp=r\\u0026sig=${SIG}`,
    fix: MI,
  },
  { name: 'YAML plain scalar', text: `source: ${URI}\nnext: 1`, flagged: URI, fix: MI },
  { name: '.env', text: `BLOB_URL=${URI}\r\nOTHER=1`, flagged: URI, fix: MI },
  { name: 'Markdown link', text: `See [the data](${URI}) for details.`, flagged: URI, fix: MI },
  { name: 'Markdown autolink', text: `Get <${URI}>.`, flagged: URI, fix: MI },
  { name: 'Markdown inline code', text: `Run with \`${URI}\`.`, flagged: URI, fix: MI },
  { name: 'Bicep single-quoted', text: `var seed = '${URI}'`, flagged: URI, fix: MI },
  { name: 'XML attribute with &amp;', text: `<add value="${BLOB}?sv=2022-11-02&amp;sp=r&amp;sig=${SIG}"/>`, flagged: `${BLOB}?sv=2022-11-02&amp;sp=r&amp;sig=${SIG}`, fix: MI },
  { name: 'URL-encoded separators', text: `"${BLOB}?sv=2022-11-02%26sp%3Dr%26sig%3D${SIG}"`, flagged: `${BLOB}?sv=2022-11-02%26sp%3Dr%26sig%3D${SIG}`, fix: MI },
  // KQL
  { name: "KQL h'...' in .ingest", text: `.ingest into table T (h'${URI}') with (format='csv')`, flagged: URI, fix: MI },
  { name: 'KQL h"..."', text: `.ingest into table T (h"${URI}")`, flagged: URI, fix: MI },
  { name: "KQL h@'...'", text: `.ingest into table T (h@'${URI}')`, flagged: URI, fix: MI },
  { name: "KQL H'...'", text: `.ingest into table T (H'${URI}')`, flagged: URI, fix: MI },
  { name: 'KQL plain string', text: `externaldata (x:string) ['${URI}']`, flagged: URI, fix: MI },
  {
    name: 'KQL external table over abfss',
    text: `.create external table E (x:string) kind=storage dataformat=parquet (h@'abfss://raw@a1.dfs.core.windows.net/events?${SAS}')`,
    flagged: `abfss://raw@a1.dfs.core.windows.net/events?${SAS}`,
    fix: 'abfss://raw@a1.dfs.core.windows.net/events;managed_identity=system',
  },
  // Host forms
  { name: 'DNS-zone endpoint', text: `"https://a1.z23.blob.storage.azure.net/c/f.csv?${SAS}"`, flagged: `https://a1.z23.blob.storage.azure.net/c/f.csv?${SAS}`, fix: 'https://a1.z23.blob.storage.azure.net/c/f.csv;managed_identity=system' },
  { name: 'explicit port', text: `"https://a1.blob.core.windows.net:443/c/f.csv?${SAS}"`, flagged: `https://a1.blob.core.windows.net:443/c/f.csv?${SAS}`, fix: 'https://a1.blob.core.windows.net:443/c/f.csv;managed_identity=system' },
  { name: 'http scheme', text: `"http://a1.blob.core.windows.net/c/f.csv?${SAS}"`, flagged: `http://a1.blob.core.windows.net/c/f.csv?${SAS}`, fix: 'http://a1.blob.core.windows.net/c/f.csv;managed_identity=system' },
  { name: 'URL-encoded path kept exactly', text: `"https://a1.blob.core.windows.net/c/a%20b/%E2%82%AC.csv?${SAS}"`, flagged: `https://a1.blob.core.windows.net/c/a%20b/%E2%82%AC.csv?${SAS}`, fix: 'https://a1.blob.core.windows.net/c/a%20b/%E2%82%AC.csv;managed_identity=system' },
  { name: 'container-level SAS', text: `"https://a1.blob.core.windows.net/c?sv=2022-11-02&sr=c&sp=rl&sig=${SIG}"`, flagged: `https://a1.blob.core.windows.net/c?sv=2022-11-02&sr=c&sp=rl&sig=${SIG}`, fix: 'https://a1.blob.core.windows.net/c;managed_identity=system' },
  { name: 'user delegation SAS', text: `"${BLOB}?sv=2022-11-02&skoid=11111111-2222-3333-4444-555555555555&sktid=x&skt=2024-01-01&ske=2024-01-02&sks=b&skv=2022-11-02&sp=r&sig=${SIG}"`, flagged: `${BLOB}?sv=2022-11-02&skoid=11111111-2222-3333-4444-555555555555&sktid=x&skt=2024-01-01&ske=2024-01-02&sks=b&skv=2022-11-02&sp=r&sig=${SIG}`, fix: MI },
  // Reported without a rewrite
  { name: 'snapshot parameter', text: `"${BLOB}?snapshot=2024-01-01T00%3A00%3A00Z&${SAS}"`, flagged: `${BLOB}?snapshot=2024-01-01T00%3A00%3A00Z&${SAS}`, fix: null, says: '"snapshot"' },
  { name: 'versionid parameter', text: `"${BLOB}?${SAS}&versionid=2024-01-01"`, flagged: `${BLOB}?${SAS}&versionid=2024-01-01`, fix: null, says: '"versionid"' },
  { name: 'account-level URI without container', text: `"https://a1.blob.core.windows.net/?${SAS}"`, flagged: `https://a1.blob.core.windows.net/?${SAS}`, fix: null, says: 'no container' },
  { name: 'URI URL-encoded inside another URL', text: `"https://portal.example/open?u=https%3A%2F%2Fa1.blob.core.windows.net%2Fc%2Ff%3Fsv%3D2022-11-02%26sig%3D${SIG}&x=1"`, flagged: `https%3A%2F%2Fa1.blob.core.windows.net%2Fc%2Ff%3Fsv%3D2022-11-02%26sig%3D${SIG}`, fix: null, says: 'URL-encoded' },
];

interface Negative {
  readonly name: string;
  readonly text: string;
}

const negatives: Negative[] = [
  { name: 'Azurite by IP', text: `"http://127.0.0.1:10000/devstoreaccount1/c/f.csv?${SAS}"` },
  { name: 'Azurite by host name', text: `"http://devstoreaccount1.blob.localhost:10000/c/f.csv?${SAS}"` },
  { name: 'Azurite account on a cloud host', text: `"https://devstoreaccount1.blob.core.windows.net/c/f.csv?${SAS}"` },
  { name: 'localhost', text: `"http://localhost:10000/devstoreaccount1/c/f.csv?${SAS}"` },
  { name: 'non-Azure host with sig=', text: `"https://files.example.com/c/f.csv?${SAS}"` },
  { name: 'look-alike host', text: `"https://a1.blob.core.windows.net.example.com/c/f.csv?${SAS}"` },
  { name: 'look-alike suffix', text: `"https://a1.blob.core.windows.network/c/f.csv?${SAS}"` },
  { name: 'managed-identity form', text: `"${MI}"` },
  { name: 'managed-identity form with an object id', text: `"${BLOB};managed_identity=${OBJECT_ID}"` },
  { name: 'plain URI', text: `"${BLOB}"` },
  { name: 'placeholder ?<SAS token>', text: '"https://<account>.blob.core.windows.net/<container>/<blob>?<SAS token>"' },
  { name: 'placeholder sig=...', text: `"${BLOB}?sv=...&sig=..."` },
  { name: 'placeholder sig={sig}', text: `f"${BLOB}?sv=2022-11-02&sig={sig}"` },
  { name: 'placeholder sig=<signature>', text: `"${BLOB}?sv=2022-11-02&sig=<signature>"` },
  { name: 'placeholder sig=&lt;signature&gt;', text: `<a href="${BLOB}?sv=2022-11-02&amp;sig=&lt;signature&gt;">` },
  { name: 'placeholder sig=$SIG', text: `"${BLOB}?sv=2022-11-02&sig=$SIG"` },
  { name: 'placeholder sig=${sig}', text: `\`${BLOB}?sv=2022-11-02&sig=\${sig}\`` },
  { name: 'placeholder sig=%SIG%', text: `set U=${BLOB}?sv=2022-11-02&sig=%SIG%` },
  { name: 'placeholder sig=%s', text: `"${BLOB}?sv=2022-11-02&sig=%s" % sig` },
  { name: 'already masked sig=***', text: `"${BLOB}?sv=2022-11-02&sig=***"` },
  { name: 'C# SAS joined at run time', text: `var u = "${BLOB}?" + sasToken;` },
  { name: 'Go signature joined at run time', text: `u := "${BLOB}?sv=2022-11-02&sig=" + sig` },
  { name: 'JS SAS interpolated', text: `const u = \`${BLOB}?\${sas}\`;` },
  { name: 'Python SAS interpolated', text: `u = f"${BLOB}?{sas}"` },
  { name: 'sig= without sv=', text: `"${BLOB}?sig=${SIG}"` },
  { name: 'sv= without sig=', text: `"${BLOB}?sv=2022-11-02&sp=r"` },
  { name: 'host without scheme', text: `"contosodata.blob.core.windows.net/exports/f.csv?${SAS}"` },
  { name: 'other schemes', text: `"ftp://a1.blob.core.windows.net/c/f.csv?${SAS}"` },
  // Test code is full of these; a real signature is 44 base64 characters.
  { name: 'an obviously fake signature', text: `"${BLOB}?sv=2022-11-02&sig=xxx"` },
  { name: 'a short test signature', text: '"https://testaccount.blob.core.windows.net/testcontainer?sv=2021-01-01&sig=test"' },
  { name: 'a numeric test signature', text: '"https://storage.blob.core.windows.net/someplace-0?sp=r&sv=2021-12-02&sr=c&sig=123456789"' },
  { name: '.blob. elsewhere', text: 'let x = my.blob.size; import a.dfs.b; "https://a.blob.example/x?sig=abc&sv=1"' },
];

describe('sas-blob-uri finder', () => {
  describe('reports', () => {
    for (const c of positives) {
      it(c.name, () => {
        const findings = analyzeText(c.text, { identities: [{ objectId: OBJECT_ID, displayName: 'ingest-mi' }] });
        assert.deepEqual(summarize(c.text, findings), [{ rule: 'sas-blob-uri', flagged: c.flagged, fix: c.fix }]);
        const [f] = findings;
        assert.ok(!leaksSecret(f.message), 'the message must not contain the signature');
        assert.ok(!/sig=(?!\*\*\*)/.test(f.message), 'sig= is always masked in messages');
        if (c.says) assert.ok(f.message.includes(c.says), `message should mention ${c.says}: ${f.message}`);
        if (c.fix === null) {
          assert.deepEqual(f.fixes, []);
          assert.ok(f.message.includes('No automatic rewrite'));
        } else {
          assert.equal(f.fixes.length, 2);
          assert.equal(f.fixes[1].title, `Use managed identity ingest-mi (${OBJECT_ID})`);
          assert.equal(f.fixes[1].edits[0].newText, c.fix.replace('=system', `=${OBJECT_ID}`));
          for (const fix of f.fixes) {
            assert.deepEqual([fix.edits.length, fix.edits[0].start, fix.edits[0].end], [1, f.start, f.end]);
            assert.ok(!/sig(=|%3d)/i.test(fix.edits[0].newText));
          }
        }
      });
    }
  });

  describe('ignores', () => {
    for (const c of negatives) {
      it(c.name, () => {
        assert.deepEqual(summarize(c.text, analyzeText(c.text)), []);
      });
    }
  });

  it('finds several URIs on one line and across lines, in order', () => {
    const text = `a = "${URI}"; b = '${URI}'\nc = \`${BLOB}?${SAS}\``;
    const found = analyzeText(text);
    assert.equal(found.length, 3);
    assert.deepEqual(found.map((f) => text.slice(f.start, f.end)), [URI, URI, URI]);
    assert.ok(found[0].start < found[1].start && found[1].start < found[2].start);
  });

  it('counts offsets in UTF-16 code units after non-ASCII text', () => {
    const text = `// Überprüfung 🚀\nvar u = "${URI}";`;
    const [f] = analyzeText(text);
    assert.equal(text.slice(f.start, f.end), URI);
  });

  it('offers only the system identity without known identities, and skips non-GUID object ids', () => {
    const text = `"${URI}"`;
    const [f] = analyzeText(text, { identities: [{ objectId: 'not-a-guid' }, { objectId: OBJECT_ID }, { objectId: OBJECT_ID.toUpperCase() }] });
    assert.deepEqual(f.fixes.map((x) => x.title), ["Use the cluster's system-assigned managed identity", `Use managed identity ${OBJECT_ID}`]);
    assert.equal(f.fixes.filter((x) => x.isPreferred).length, 1);
    assert.equal(f.fixes[0].isPreferred, true);
  });
});
