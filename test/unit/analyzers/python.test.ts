import { assertFix, assertNone, single } from './helpers';

const MI = 'https://acct.blob.core.windows.net/c/data.csv;managed_identity=system';
const SAS = 'https://acct.blob.core.windows.net/c/data.csv?sv=2022-11-02&sig=abc';

function fn(body: string, header = ''): string {
  const lines = body.split('\n').map((l) => (l ? `    ${l}` : l)).join('\n');
  return `from azure.kusto.ingest import BlobDescriptor, QueuedIngestClient
${header}

def ingest(client, props, raw_size):
${lines}
`;
}

describe('mi-blob-size-missing: Python', () => {
  it('reports BlobDescriptor(uri) and adds size=0', async () => {
    await assertFix('python',
      fn(`uri = "${MI}"\ndescriptor = BlobDescriptor(uri)\nclient.ingest_from_blob(descriptor, props)`),
      'BlobDescriptor',
      fn(`uri = "${MI}"\ndescriptor = BlobDescriptor(uri, size=0)\nclient.ingest_from_blob(descriptor, props)`));
  });

  it('reports a qualified call, a keyword path and a source_id without size', async () => {
    await assertFix('python', fn(`d = ingest.BlobDescriptor("${MI}")`), 'BlobDescriptor', fn(`d = ingest.BlobDescriptor("${MI}", size=0)`));
    await assertFix('python', fn(`d = BlobDescriptor(path="${MI}", source_id=run_id)`), 'BlobDescriptor', fn(`d = BlobDescriptor(path="${MI}", source_id=run_id, size=0)`));
  });

  it('keeps one-argument-per-line layouts and trailing commas', async () => {
    await assertFix('python',
      fn(`d = BlobDescriptor(\n    "${MI}",\n)`),
      'BlobDescriptor',
      fn(`d = BlobDescriptor(\n    "${MI}",\n    size=0,\n)`));
    await assertFix('python',
      fn(`d = BlobDescriptor(\n    "${MI}"  # the blob\n)`),
      'BlobDescriptor',
      fn(`d = BlobDescriptor(\n    "${MI}",  # the blob\n    size=0\n)`));
  });

  it('replaces size=None', async () => {
    await assertFix('python', fn(`d = BlobDescriptor("${MI}", size=None)`), 'BlobDescriptor', fn(`d = BlobDescriptor("${MI}", size=0)`));
  });

  it('follows f-strings, concatenation, formatting and module constants', async () => {
    await single('python', fn('uri = f"https://a.blob.core.windows.net/c/{name};managed_identity={object_id}"\nd = BlobDescriptor(uri)'), 'BlobDescriptor');
    await single('python', fn('uri = base + ";managed_identity=system"\nd = BlobDescriptor(uri)'), 'BlobDescriptor');
    await single('python', fn('uri = ("https://a.blob.core.windows.net/c/x.csv"\n       ";managed_identity=system")\nd = BlobDescriptor(uri)'), 'BlobDescriptor');
    await single('python', fn('d = BlobDescriptor("https://a/x.csv;managed_identity={}".format(oid))'), 'BlobDescriptor');
    await single('python', fn('d = BlobDescriptor(BLOB_URI)', `BLOB_URI = "${MI}"`), 'BlobDescriptor');
    await single('python', fn('uri = "https://a/x.csv"\nuri += ";managed_identity=system"\nd = BlobDescriptor(uri)'), 'BlobDescriptor');
  });

  it('reports module-level script code', async () => {
    const text = `from azure.kusto.ingest import BlobDescriptor\nuri = "${MI}"\nclient.ingest_from_blob(BlobDescriptor(uri), props)\n`;
    await assertFix('python', text, 'BlobDescriptor', text.replace('BlobDescriptor(uri)', 'BlobDescriptor(uri, size=0)'));
  });

  it('does not report a size that is set, 0 or a variable', async () => {
    await assertNone('python', fn(`d = BlobDescriptor("${MI}", 1024)`));
    await assertNone('python', fn(`d = BlobDescriptor("${MI}", size=0)`));
    await assertNone('python', fn(`d = BlobDescriptor("${MI}", raw_size)`));
    await assertNone('python', fn(`d = BlobDescriptor("${MI}", **kwargs)`));
    await assertNone('python', fn('d = BlobDescriptor(*args)'));
  });

  it('does not report SAS URIs, parameters or rebound names', async () => {
    await assertNone('python', fn(`d = BlobDescriptor("${SAS}")`));
    await assertNone('python', fn('d = BlobDescriptor(props)'));
    await assertNone('python', fn(`uri = "${MI}"\nuri = sign(uri)\nd = BlobDescriptor(uri)`));
    await assertNone('python', fn('d = BlobDescriptor(BLOB_URI)', `BLOB_URI = "${MI}"\nBLOB_URI = other`));
    await assertNone('python', `BLOB_URI = "${MI}"\n\ndef ingest(BLOB_URI):\n    return BlobDescriptor(BLOB_URI)\n`);
    await assertNone('python', fn(`u = "${MI}"\nfor u in sas_uris:\n    client.ingest_from_blob(BlobDescriptor(u), props)`));
    await assertNone('python', fn(`u = "${MI}"\nwith open_blob() as u:\n    BlobDescriptor(u)`));
  });

  it('does not report comments or strings', async () => {
    await assertNone('python', fn(`# d = BlobDescriptor("${MI}")\nhelp = "BlobDescriptor('${MI}')"\ndoc = """\nBlobDescriptor("${MI}")\n"""`));
  });
});
