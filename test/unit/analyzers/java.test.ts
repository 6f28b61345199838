// Java: a managed-identity blob given to a ManagedStreamingIngestClient is
// reported (the client reads the blob's properties from storage itself and no
// size can be passed); the queued client and SAS URIs stay quiet.
import assert from 'node:assert/strict';
import { assertNone, findings, single } from './helpers';

const MI = 'https://acct.blob.core.windows.net/c/data.csv;managed_identity=system';
const SAS = 'https://acct.blob.core.windows.net/c/data.csv?sv=2022-11-02&sig=abc';

function file(body: string, client = 'IngestClientFactory.createManagedStreamingIngestClient(dm, engine)', fields = ''): string {
  return `package demo;

import com.microsoft.azure.kusto.ingest.*;
import com.microsoft.azure.kusto.ingest.source.BlobSourceInfo;

class Loader {
${fields}
    void load(ConnectionStringBuilder dm, ConnectionStringBuilder engine, IngestionProperties props, String oid) throws Exception {
        IngestClient client = ${client};
${body.split('\n').map((l) => `        ${l}`).join('\n')}
    }
}
`;
}

describe('mi-blob-size-missing: Java', () => {
  it('reports ingestFromBlob on a managed-streaming client with a managed-identity blob, with the queued client as the fix', async () => {
    const text = file(`client.ingestFromBlob(new BlobSourceInfo("${MI}"), props);`);
    const f = await single('java', text, 'ingestFromBlob');
    assert.equal(f.ruleId, 'mi-blob-size-missing');
    assert.equal(f.usage, 'NativeIngestion');
    assert.match(f.message, /ManagedStreamingIngestClient/);
    assert.match(f.message, /IngestClientFactory\.createClient/);
    assert.deepEqual(f.fixes, []);
  });

  it('follows a variable, a concatenation, a static final field and the async call', async () => {
    await single('java', file(`String uri = "https://acct.blob.core.windows.net/c/data.csv" + ";managed_identity=" + oid;\nBlobSourceInfo blob = new BlobSourceInfo(uri);\nclient.ingestFromBlobAsync(blob, props);`), 'ingestFromBlobAsync');
    await single('java', file('client.ingestFromBlob(new BlobSourceInfo(SOURCE), props);', undefined, `    static final String SOURCE = "${MI}";`), 'ingestFromBlob');
    await single('java', file(`client.ingestFromBlob(new BlobSourceInfo("${MI}"), props);`, 'new ManagedStreamingIngestClient(dm, engine)'), 'ingestFromBlob');
  });

  it('stays quiet on the queued client, a SAS URI and a blob built elsewhere', async () => {
    await assertNone('java', file(`client.ingestFromBlob(new BlobSourceInfo("${MI}"), props);`, 'IngestClientFactory.createClient(dm)'));
    await assertNone('java', file(`client.ingestFromBlob(new BlobSourceInfo("${SAS}"), props);`));
    await assertNone('java', file('client.ingestFromBlob(makeSource(), props);'));
    assert.deepEqual(await findings('java', file(`// client.ingestFromBlob(new BlobSourceInfo("${MI}"), props);`)), []);
  });
});
