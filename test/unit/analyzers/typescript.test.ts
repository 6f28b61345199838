import assert from 'node:assert/strict';
import { analyzer, assertFix, assertNone, findings, single } from './helpers';

const MI = 'https://acct.blob.core.windows.net/c/data.csv;managed_identity=system';
const SAS = 'https://acct.blob.core.windows.net/c/data.csv?sv=2022-11-02&sig=abc';

const TS_HEADER = 'import { BlobDescriptor, QueuedIngestClient } from "azure-kusto-ingest";\n';

function fn(body: string, header = ''): string {
  const lines = body.split('\n').map((l) => (l ? `  ${l}` : l)).join('\n');
  return `${TS_HEADER}${header}
export async function ingest(client: QueuedIngestClient, props: IngestionProperties, rawSize: number): Promise<void> {
${lines}
}
`;
}

describe('mi-blob-size-missing: TypeScript and JavaScript', () => {
  it('reports new BlobDescriptor(uri) and adds the size argument 0', async () => {
    const finding = await assertFix('typescript',
      fn(`const uri = "${MI}";\nawait client.ingestFromBlob(new BlobDescriptor(uri), props);`),
      'BlobDescriptor',
      fn(`const uri = "${MI}";\nawait client.ingestFromBlob(new BlobDescriptor(uri, 0), props);`));
    assert.equal(finding.fixes[0]?.isPreferred, true);
  });

  it('follows template literals, concatenation, casts and module constants', async () => {
    await single('typescript', fn('const uri = `https://a.blob.core.windows.net/c/${name};managed_identity=${objectId}`;\nnew BlobDescriptor(uri);'), 'BlobDescriptor');
    await single('typescript', fn('let uri = base + \';managed_identity=system\';\nnew ingest.BlobDescriptor(uri as string);'), 'BlobDescriptor');
    await single('typescript', fn('new BlobDescriptor(BLOB_URI);', `export const BLOB_URI = "${MI}";\n`), 'BlobDescriptor');
    await single('typescript', fn('const go = () => new BlobDescriptor(uri);', `const uri = "${MI}";\n`), 'BlobDescriptor');
  });

  it('keeps multi-line argument layouts', async () => {
    await assertFix('typescript',
      fn(`const d = new BlobDescriptor(\n  "${MI}",\n);`),
      'BlobDescriptor',
      fn(`const d = new BlobDescriptor(\n  "${MI}",\n  0,\n);`));
  });

  it('replaces a null or undefined size', async () => {
    await assertFix('typescript', fn(`new BlobDescriptor("${MI}", null, runId);`), 'BlobDescriptor', fn(`new BlobDescriptor("${MI}", 0, runId);`));
    await assertFix('javascript', `new BlobDescriptor("${MI}", undefined);\n`, 'BlobDescriptor', `new BlobDescriptor("${MI}", 0);\n`);
  });

  it('handles .tsx, .js, .mjs and .cjs files with the right grammar', async () => {
    const a = analyzer();
    assert.equal(a.languageForFile('src/ingest.ts'), 'typescript');
    assert.equal(a.languageForFile('src/Ingest.tsx'), 'typescriptreact');
    assert.equal(a.languageForFile('lib/ingest.js'), 'javascript');
    assert.equal(a.languageForFile('lib/ingest.mjs'), 'javascript');
    assert.equal(a.languageForFile('lib/ingest.cjs'), 'javascript');
    const tsx = `const uri = "${MI}";\nexport const Button = () => <button onClick={() => client.ingestFromBlob(new BlobDescriptor(uri), props)}>Ingest</button>;\n`;
    await single('typescriptreact', tsx, 'BlobDescriptor');
    const cjs = `const { BlobDescriptor } = require("azure-kusto-ingest");\nconst uri = "${MI}";\nmodule.exports = function (client) {\n  return client.ingestFromBlob(new BlobDescriptor(uri), props);\n};\n`;
    await assertFix('javascript', cjs, 'BlobDescriptor', cjs.replace('new BlobDescriptor(uri)', 'new BlobDescriptor(uri, 0)'));
    await single('javascriptreact', `const u = \`x;managed_identity=\${id}\`;\nconst el = <div>{String(new BlobDescriptor(u))}</div>;\n`, 'BlobDescriptor');
  });

  it('does not report a size that is set, 0 or a variable', async () => {
    await assertNone('typescript', fn(`new BlobDescriptor("${MI}", 1024);`));
    await assertNone('typescript', fn(`new BlobDescriptor("${MI}", 0);`));
    await assertNone('typescript', fn(`new BlobDescriptor("${MI}", rawSize);`));
    await assertNone('typescript', fn(`new BlobDescriptor(...args);`));
  });

  it('does not report SAS URIs, parameters or module-level let', async () => {
    await assertNone('typescript', fn(`new BlobDescriptor("${SAS}");`));
    await assertNone('typescript', fn('new BlobDescriptor(props);'));
    await assertNone('typescript', fn('new BlobDescriptor(uri);', `let uri = "${MI}";\n`));
    await assertNone('typescript', fn(`let uri = "${MI}";\nuri = await sign(uri);\nnew BlobDescriptor(uri);`));
    await assertNone('typescript', `const uri = "${MI}";\nexport function f(uri: string) { return new BlobDescriptor(uri); }\n`);
    await assertNone('typescript', fn(`let u = "${MI}";\nfor (u of sasUris) {\n  new BlobDescriptor(u);\n}`));
    await assertNone('javascript', `const u = "${MI}";\n[1].forEach((u) => new BlobDescriptor(u));\n`);
  });

  it('does not report comments, strings or calls without new', async () => {
    await assertNone('typescript', fn(`// new BlobDescriptor("${MI}");\n/* new BlobDescriptor("${MI}") */\nconst s = 'new BlobDescriptor("${MI}")';\nconst t = \`new BlobDescriptor("${MI}")\`;`));
    await assertNone('typescript', fn(`makeBlobDescriptor("${MI}");\nBlobDescriptor.from("${MI}");`));
  });

  it('reports several findings in document order', async () => {
    const text = fn(`new BlobDescriptor("${MI}");\nnew BlobDescriptor("${MI}", 5);\nnew BlobDescriptor("${MI}");`);
    const found = await findings('typescript', text);
    assert.equal(found.length, 2);
    assert.ok((found[0]?.start ?? 0) < (found[1]?.start ?? 0));
  });
});

describe('mi-blob-size-missing: Node streaming clients', () => {
  const MI_URI = 'https://acct.blob.core.windows.net/c/data.csv;managed_identity=system';
  const head = "import { BlobDescriptor, ManagedStreamingIngestClient, QueuedIngestClient } from 'azure-kusto-ingest';\n";

  it('reports ingestFromBlob on a (managed) streaming client without an exact size, and offers no rewrite', async () => {
    for (const body of [
      `const client = new ManagedStreamingIngestClient(engine, dm);\nawait client.ingestFromBlob("${MI_URI}", props);\n`,
      `const client = new ManagedStreamingIngestClient(engine, dm);\nawait client.ingestFromBlob(new BlobDescriptor("${MI_URI}", 0), props);\n`,
      `class L {\n  constructor() { this.streaming = new StreamingIngestClient(kcsb); }\n  run() { return this.streaming.ingestFromBlob("${MI_URI}"); }\n}\n`,
    ]) {
      const found = (await findings('typescript', head + body)).filter((f) => (head + body).slice(f.start, f.end) === 'ingestFromBlob');
      assert.equal(found.length, 1, body);
      assert.match(found[0].message, /queued client/);
      assert.deepEqual(found[0].fixes, []);
    }
  });

  it('never offers "size 0" for a descriptor a streaming client gets (it reads storage for 0 too): the advice instead', async () => {
    const inline = `${head}const client = new ManagedStreamingIngestClient(engine, dm);\nawait client.ingestFromBlob(new BlobDescriptor("${MI_URI}"), props);\n`;
    const one = await findings('typescript', inline);
    assert.deepEqual(one.map((f) => inline.slice(f.start, f.end)), ['ingestFromBlob']);
    assert.deepEqual(one[0].fixes, []);
    assert.match(one[0].message, /exact size.*queued client/);
    for (const body of [
      `const client = new StreamingIngestClient(kcsb);\nconst d = new BlobDescriptor("${MI_URI}");\nawait client.ingestFromBlob(d, props);\n`,
      `const client = new ManagedStreamingIngestClient(engine, dm);\nconst d = new BlobDescriptor("${MI_URI}", null);\nawait client.ingestFromBlob(d);\n`,
    ]) {
      const found = await findings('typescript', head + body);
      assert.equal(found.length, 1, body);
      assert.deepEqual(found[0].fixes, [], body);
      assert.match(found[0].message, /streaming client.*<exact size>.*queued client \(QueuedIngestClient\)/, body);
    }
    // The queued client in the same file keeps its size-0 fix.
    const mixed = `${head}const client = new ManagedStreamingIngestClient(engine, dm);\nconst q = new QueuedIngestClient(dm);\nconst d = new BlobDescriptor("${MI_URI}");\nawait q.ingestFromBlob(d);\n`;
    const [queued] = await findings('typescript', mixed);
    assert.equal(queued.fixes[0]?.title, 'Pass size 0 (let the service discover the blob size)');
  });

  it('stays quiet on the queued client and on an exact size', async () => {
    assert.deepEqual(await findings('typescript', `${head}const q = new QueuedIngestClient(dm);\nawait q.ingestFromBlob("${MI_URI}", props);\n`), []);
    assert.deepEqual(await findings('typescript', `${head}const client = new ManagedStreamingIngestClient(engine, dm);\nawait client.ingestFromBlob(new BlobDescriptor("${MI_URI}", 1024), props);\n`), []);
  });
});
