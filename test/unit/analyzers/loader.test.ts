import assert from 'node:assert/strict';
import { applyEdits, createSizeAnalyzer } from '../../../src/analyzers';
import { analyzer, wasmDir } from './helpers';

const MI = 'https://acct.blob.core.windows.net/c/data.csv;managed_identity=system';

describe('mi-blob-size-missing: loading and API', () => {
  it('rejects when the wasm folder is wrong, and a correct analyzer still works afterwards', async () => {
    const broken = createSizeAnalyzer({ wasmDir: '/nonexistent/wasm' });
    await assert.rejects(broken.analyze(`new BlobDescriptor("${MI}");`, 'javascript'));
    const found = await analyzer().analyze(`new BlobDescriptor("${MI}");`, 'javascript');
    assert.equal(found.length, 1);
  });

  it('loads a grammar only when a file of its language needs parsing', async () => {
    const a = createSizeAnalyzer({ wasmDir: wasmDir() });
    assert.deepEqual(a.loadedLanguages(), []);
    // No marker or no callee name: nothing to find, no grammar loaded.
    assert.deepEqual(await a.analyze('def f():\n    return BlobDescriptor(uri)\n', 'python'), []);
    assert.deepEqual(await a.analyze(`URI = "${MI}"\n`, 'python'), []);
    assert.deepEqual(a.loadedLanguages(), []);
    await a.analyze(`d = BlobDescriptor("${MI}")\n`, 'python');
    assert.deepEqual(a.loadedLanguages(), ['python']);
    await a.openDocument('go', 'package p\n');
    assert.deepEqual(a.loadedLanguages().sort(), ['go', 'python']);
  });

  it('maps file names and language ids', () => {
    const a = analyzer();
    assert.equal(a.languageForFile('Program.cs'), 'csharp');
    assert.equal(a.languageForFile('ingest.py'), 'python');
    assert.equal(a.languageForFile('main.go'), 'go');
    assert.equal(a.languageForFile('README.md'), undefined);
    assert.equal(a.languageForFile('Makefile'), undefined);
    for (const id of ['csharp', 'python', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'go']) {
      assert.equal(a.supportsLanguage(id), true, id);
    }
    assert.equal(a.supportsLanguage('rust'), false);
  });

  it('rejects an unsupported language', async () => {
    await assert.rejects(analyzer().analyze(MI, 'rust'), /unsupported language/);
    await assert.rejects(analyzer().openDocument('rust', ''), /unsupported language/);
  });

  it('reports UTF-16 offsets after non-BMP characters', async () => {
    const text = `// 😀 𝄞 é\nconst u = "😀${MI}";\nnew BlobDescriptor(u);\n`;
    const [finding] = await analyzer().analyze(text, 'javascript');
    assert.ok(finding);
    assert.equal(text.slice(finding.start, finding.end), 'BlobDescriptor');
    assert.equal(applyEdits(text, finding.fixes[0]?.edits ?? []), text.replace('BlobDescriptor(u)', 'BlobDescriptor(u, 0)'));
  });

  it('limits queries to the right ranges after non-BMP characters (query ranges are UTF-16 bytes)', async () => {
    const emoji = '😀'.repeat(40);
    const py = `# ${emoji}\ndef f():\n    s = "${emoji}"\n    u = "${MI}"\n    return BlobDescriptor(u)\n`;
    assert.equal((await analyzer().analyze(py, 'python')).length, 1, 'the binding of u is found');
    const cs = `class C\n{\n    // ${emoji}\n    async Task M(IKustoIngestClient client, KustoIngestionProperties props, long n)\n    {\n        var s = "${emoji}";\n        var opts = new StorageSourceOptions();\n        opts.Size = n;\n        await client.IngestFromStorageAsync("${MI}", props, opts);\n    }\n}\n`;
    assert.deepEqual(await analyzer().analyze(cs, 'csharp'), [], 'the Size assignment is found');
  });

  it('analyses the same text identically through analyze and openDocument', async () => {
    const text = `const u = "${MI}";\nnew BlobDescriptor(u);\nnew BlobDescriptor(u, 1);\n`;
    const doc = await analyzer().openDocument('typescript', text);
    try {
      assert.deepEqual(doc.findings, await analyzer().analyze(text, 'typescript'));
    } finally {
      doc.dispose();
    }
  });
});
