// Rule storage-account-key: connection strings (no fix) and Kusto's
// `;<account key>` blob URI suffix (rewritable).

import assert from 'node:assert/strict';
import { analyzeText } from '../../../src/core/scan/analyzeText';
import { AZURITE_KEY, KEY, OBJECT_ID, leaksSecret, summarize } from './samples';

const CONN = `DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=${KEY};EndpointSuffix=core.windows.net`;
const BLOB = 'https://contosodata.blob.core.windows.net/exports/orders.csv';

describe('storage-account-key finder', () => {
  describe('connection strings', () => {
    const cases: Array<[string, string]> = [
      ['C#', `var cs = "${CONN}";`],
      ['JSON', `{ "ConnectionStrings": { "Storage": "${CONN}" } }`],
      ['.env', `AZURE_STORAGE_CONNECTION_STRING=${CONN}\n`],
      ['PowerShell', `$cs = '${CONN}'`],
      ['YAML', `storage: "${CONN}"`],
      ['key last, no trailing ;', `"DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=${KEY}"`],
    ];
    for (const [name, text] of cases) {
      it(`reports the key in ${name}, without a fix`, () => {
        const findings = analyzeText(text, { identities: [{ objectId: OBJECT_ID }] });
        assert.deepEqual(summarize(text, findings), [{ rule: 'storage-account-key', flagged: KEY, fix: null }]);
        const [f] = findings;
        assert.deepEqual(f.fixes, []);
        assert.ok(!leaksSecret(f.message));
        assert.match(f.message, /AccountKey=\*\*\*/);
        assert.match(f.message, /https:\/\/contosodata\.blob\.core\.windows\.net\/<container>\/<blob>;managed_identity=system/);
        assert.match(f.message, /No automatic rewrite/);
      });
    }

    it('uses the connection string\'s endpoint suffix in the suggested URI', () => {
      const text = `"AccountName=gov1;AccountKey=${KEY};EndpointSuffix=core.usgovcloudapi.net"`;
      const [f] = analyzeText(text);
      assert.match(f.message, /https:\/\/gov1\.blob\.core\.usgovcloudapi\.net\//);
    });

    const ignored: Array<[string, string]> = [
      ['the Azurite well-known key', `"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${AZURITE_KEY};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;"`],
      ['any key for devstoreaccount1', `"AccountName=devstoreaccount1;AccountKey=${KEY}"`],
      ['UseDevelopmentStorage', '"UseDevelopmentStorage=true"'],
      ['a placeholder <key>', '"AccountName=a1;AccountKey=<account key>;"'],
      ['a placeholder {key}', 'f"AccountName=a1;AccountKey={key};"'],
      ['a key joined at run time', '"AccountName=a1;AccountKey=" + key + ";"'],
      ['a variable', '"AccountName=a1;AccountKey=$env:STORAGE_KEY"'],
      ['another setting ending in AccountKey', `StorageAccountKey=${KEY}`],
      ['a too short value', '"AccountName=a1;AccountKey=abc;"'],
    ];
    for (const [name, text] of ignored) {
      it(`ignores ${name}`, () => assert.deepEqual(summarize(text, analyzeText(text)), []));
    }
  });

  describe('blob URI with a ;<account key> suffix', () => {
    it('reports it with managed-identity fixes replacing the whole URI', () => {
      const text = `.ingest into table T (h'${BLOB};${KEY}')`;
      const findings = analyzeText(text, { identities: [{ objectId: OBJECT_ID, displayName: 'ingest' }] });
      assert.deepEqual(summarize(text, findings), [{ rule: 'storage-account-key', flagged: `${BLOB};${KEY}`, fix: `${BLOB};managed_identity=system` }]);
      const [f] = findings;
      assert.equal(f.fixes[1].edits[0].newText, `${BLOB};managed_identity=${OBJECT_ID}`);
      assert.ok(!leaksSecret(f.message));
      assert.match(f.message, /\(;\*\*\*\)/);
    });

    it('reports a dfs URI in a .env file', () => {
      const text = `SRC=https://a1.dfs.core.windows.net/fs/dir/f.parquet;${KEY}\n`;
      assert.deepEqual(summarize(text, analyzeText(text)), [{
        rule: 'storage-account-key', flagged: `https://a1.dfs.core.windows.net/fs/dir/f.parquet;${KEY}`, fix: 'https://a1.dfs.core.windows.net/fs/dir/f.parquet;managed_identity=system',
      }]);
    });

    const ignored: Array<[string, string]> = [
      ['a placeholder', `"${BLOB};<storage account key>"`],
      ['the managed-identity suffix', `"${BLOB};managed_identity=system"`],
      ['impersonation', `"${BLOB};impersonate"`],
      ['the Azurite key', `"https://a1.blob.core.windows.net/c/f.csv;${AZURITE_KEY}"`],
      ['a short token-like suffix', `"${BLOB};abc=="`],
    ];
    for (const [name, text] of ignored) {
      it(`ignores ${name}`, () => assert.deepEqual(summarize(text, analyzeText(text)), []));
    }
  });
});
