import assert from 'node:assert/strict';
import { applyEdits } from '../../../src/analyzers';
import { assertFix, assertNone, findings, fixed, fixture, single } from './helpers';

const MI = 'https://acct.blob.core.windows.net/c/data.csv;managed_identity=system';
const SAS = 'https://acct.blob.core.windows.net/c/data.csv?sv=2022-11-02&ss=b&sig=abc';

/** A method body inside a class, indented by 8 spaces. */
function method(body: string, extraMembers = ''): string {
  const lines = body.split('\n').map((l) => (l ? `        ${l}` : l)).join('\n');
  return `using Kusto.Ingest;

class Loader
{${extraMembers}
    async Task Run(IKustoQueuedIngestClient client, KustoIngestionProperties props, long rawSize)
    {
${lines}
    }
}
`;
}

describe('mi-blob-size-missing: C#', () => {
  describe('IngestFromStorageAsync without source options', () => {
    it('reports a local managed-identity URI and adds new StorageSourceOptions { Size = 0 }', async () => {
      const before = method(`var uri = "${MI}";\nawait client.IngestFromStorageAsync(uri, props);`);
      const after = method(`var uri = "${MI}";\nawait client.IngestFromStorageAsync(uri, props, new StorageSourceOptions { Size = 0 });`);
      const finding = await assertFix('csharp', before, 'IngestFromStorageAsync', after);
      assert.equal(finding.fixes.length, 1);
      assert.equal(finding.fixes[0]?.title, 'Add Size = 0 (let the service discover the blob size)');
      assert.equal(finding.fixes[0]?.isPreferred, true);
      assert.match(finding.message, /raw \(uncompressed\)/);
      assert.match(finding.message, /or 0 to let the Kusto service discover/);
    });

    it('reports a literal argument', async () => {
      await single('csharp', method(`await client.IngestFromStorageAsync("${MI}", props);`), 'IngestFromStorageAsync');
    });

    it('uses BlobSourceOptions when the file uses that older name elsewhere', async () => {
      const other = '\n    BlobSourceOptions Defaults() => new BlobSourceOptions { DeleteSourceOnSuccess = true };\n';
      const before = method(`await client.IngestFromStorageAsync("${MI}", props);`, other);
      const after = method(`await client.IngestFromStorageAsync("${MI}", props, new BlobSourceOptions { Size = 0 });`, other);
      await assertFix('csharp', before, 'IngestFromStorageAsync', after);
    });

    it('keeps a one-argument-per-line call layout', async () => {
      const before = method(`await client.IngestFromStorageAsync(\n    "${MI}",\n    props);`);
      const after = method(`await client.IngestFromStorageAsync(\n    "${MI}",\n    props,\n    new StorageSourceOptions { Size = 0 });`);
      await assertFix('csharp', before, 'IngestFromStorageAsync', after);
    });

    it('adds a named sourceOptions argument when the call uses named arguments', async () => {
      const before = method(`await client.IngestFromStorageAsync(uri: "${MI}", ingestionProperties: props);`);
      const after = method(`await client.IngestFromStorageAsync(uri: "${MI}", ingestionProperties: props, sourceOptions: new StorageSourceOptions { Size = 0 });`);
      await assertFix('csharp', before, 'IngestFromStorageAsync', after);
    });

    it('replaces null source options', async () => {
      const before = method(`await client.IngestFromStorageAsync("${MI}", props, null);`);
      const after = method(`await client.IngestFromStorageAsync("${MI}", props, new StorageSourceOptions { Size = 0 });`);
      await assertFix('csharp', before, 'IngestFromStorageAsync', after);
    });

    it('follows interpolated, concatenated and constant URIs', async () => {
      await single('csharp', method(`var uri = $"https://a.blob.core.windows.net/c/{name};managed_identity={objectId}";\nawait client.IngestFromStorageAsync(uri, props);`), 'IngestFromStorageAsync');
      await single('csharp', method(`string uri = blobUrl + ";managed_identity=system";\nawait client.IngestFromStorageAsync(uri, props);`), 'IngestFromStorageAsync');
      await single('csharp', method('await client.IngestFromStorageAsync(BlobUri, props);', `\n    private const string BlobUri = "${MI}";\n`), 'IngestFromStorageAsync');
      await single('csharp', method('await client.IngestFromStorageAsync(BlobUri, props);', `\n    static readonly string BlobUri = $"{Base};managed_identity=system";\n`), 'IngestFromStorageAsync');
      await single('csharp', method(`const string suffix = ";managed_identity=system";\nvar uri = @"https://a.blob.core.windows.net/c/x.csv" + suffix;\nawait client.IngestFromStorageAsync(uri, props);`), 'IngestFromStorageAsync');
    });

    it('handles ?. calls, lambdas that capture a local and top-level statements', async () => {
      await single('csharp', method(`await client?.IngestFromStorageAsync("${MI}", props);`), 'IngestFromStorageAsync');
      await single('csharp', method(`var uri = "${MI}";\nFunc<Task> go = () => client.IngestFromStorageAsync(uri, props);`), 'IngestFromStorageAsync');
      const script = `using Kusto.Ingest;\nvar uri = "${MI}";\nawait client.IngestFromStorageAsync(uri, props);\n`;
      const finding = await single('csharp', script, 'IngestFromStorageAsync');
      assert.equal(fixed(script, finding), `using Kusto.Ingest;\nvar uri = "${MI}";\nawait client.IngestFromStorageAsync(uri, props, new StorageSourceOptions { Size = 0 });\n`);
    });
  });

  describe('inline source options without Size', () => {
    it('adds Size to a one-line initializer', async () => {
      const before = method(`await client.IngestFromStorageAsync("${MI}", props, new StorageSourceOptions { DeleteSourceOnSuccess = true });`);
      const after = method(`await client.IngestFromStorageAsync("${MI}", props, new StorageSourceOptions { DeleteSourceOnSuccess = true, Size = 0 });`);
      await assertFix('csharp', before, 'IngestFromStorageAsync', after);
    });

    it('keeps a trailing comma on one line', async () => {
      const before = method(`await client.IngestFromStorageAsync("${MI}", props, new BlobSourceOptions { DeleteSourceOnSuccess = true, });`);
      const after = method(`await client.IngestFromStorageAsync("${MI}", props, new BlobSourceOptions { DeleteSourceOnSuccess = true, Size = 0, });`);
      const finding = await assertFix('csharp', before, 'IngestFromStorageAsync', after);
      assert.match(finding.message, /The BlobSourceOptions given to IngestFromStorageAsync/);
    });

    it('fills an empty initializer and a constructor call without one', async () => {
      await assertFix('csharp',
        method(`await client.IngestFromStorageAsync("${MI}", props, new StorageSourceOptions {});`),
        'IngestFromStorageAsync',
        method(`await client.IngestFromStorageAsync("${MI}", props, new StorageSourceOptions { Size = 0 });`));
      await assertFix('csharp',
        method(`await client.IngestFromStorageAsync("${MI}", props, new StorageSourceOptions());`),
        'IngestFromStorageAsync',
        method(`await client.IngestFromStorageAsync("${MI}", props, new StorageSourceOptions() { Size = 0 });`));
    });

    it('adds Size on its own line to a multi-line initializer, with the same indentation', async () => {
      const before = method([
        `await client.IngestFromStorageAsync("${MI}", props, new StorageSourceOptions`,
        '{',
        '    DeleteSourceOnSuccess = true,',
        '    CompressionType = DataSourceCompressionType.GZip',
        '});',
      ].join('\n'));
      const after = method([
        `await client.IngestFromStorageAsync("${MI}", props, new StorageSourceOptions`,
        '{',
        '    DeleteSourceOnSuccess = true,',
        '    CompressionType = DataSourceCompressionType.GZip,',
        `    Size = 0`,
        '});',
      ].join('\n'));
      await assertFix('csharp', before, 'IngestFromStorageAsync', after);
    });

    it('keeps a multi-line trailing comma and a trailing line comment', async () => {
      await assertFix('csharp',
        method(`await client.IngestFromStorageAsync("${MI}", props, new StorageSourceOptions\n{\n    DeleteSourceOnSuccess = true,\n});`),
        'IngestFromStorageAsync',
        method(`await client.IngestFromStorageAsync("${MI}", props, new StorageSourceOptions\n{\n    DeleteSourceOnSuccess = true,\n    Size = 0,\n});`));
      await assertFix('csharp',
        method(`await client.IngestFromStorageAsync("${MI}", props, new StorageSourceOptions\n{\n    DeleteSourceOnSuccess = true // keep the blob? no\n});`),
        'IngestFromStorageAsync',
        method(`await client.IngestFromStorageAsync("${MI}", props, new StorageSourceOptions\n{\n    DeleteSourceOnSuccess = true, // keep the blob? no\n    Size = 0\n});`));
    });

    it('replaces Size = null', async () => {
      await assertFix('csharp',
        method(`await client.IngestFromStorageAsync("${MI}", props, new StorageSourceOptions { Size = null });`),
        'IngestFromStorageAsync',
        method(`await client.IngestFromStorageAsync("${MI}", props, new StorageSourceOptions { Size = 0 });`));
    });

    it('handles CRLF files', async () => {
      const before = method(`await client.IngestFromStorageAsync("${MI}", props, new StorageSourceOptions\n{\n    DeleteSourceOnSuccess = true\n});`).replace(/\n/g, '\r\n');
      const after = method(`await client.IngestFromStorageAsync("${MI}", props, new StorageSourceOptions\n{\n    DeleteSourceOnSuccess = true,\n    Size = 0\n});`).replace(/\n/g, '\r\n');
      await assertFix('csharp', before, 'IngestFromStorageAsync', after);
    });
  });

  describe('options variable', () => {
    it('adds Size to the variable\'s initializer', async () => {
      const before = method(`var opts = new StorageSourceOptions\n{\n    DeleteSourceOnSuccess = true\n};\nawait client.IngestFromStorageAsync("${MI}", props, opts);`);
      const after = method(`var opts = new StorageSourceOptions\n{\n    DeleteSourceOnSuccess = true,\n    Size = 0\n};\nawait client.IngestFromStorageAsync("${MI}", props, opts);`);
      const finding = await assertFix('csharp', before, 'IngestFromStorageAsync', after);
      assert.match(finding.message, /'opts'/);
    });

    it('inserts opts.Size = 0 above the call when the creation has no initializer', async () => {
      const before = method(`var opts = new StorageSourceOptions();\nopts.DeleteSourceOnSuccess = true;\nif (ready)\n{\n    await client.IngestFromStorageAsync("${MI}", props, opts);\n}`);
      const after = method(`var opts = new StorageSourceOptions();\nopts.DeleteSourceOnSuccess = true;\nif (ready)\n{\n    opts.Size = 0;\n    await client.IngestFromStorageAsync("${MI}", props, opts);\n}`);
      await assertFix('csharp', before, 'IngestFromStorageAsync', after);
    });

    it('understands target-typed new() with a declared options type', async () => {
      const before = method(`StorageSourceOptions opts = new();\nawait client.IngestFromStorageAsync("${MI}", props, opts);`);
      const after = method(`StorageSourceOptions opts = new();\nopts.Size = 0;\nawait client.IngestFromStorageAsync("${MI}", props, opts);`);
      await assertFix('csharp', before, 'IngestFromStorageAsync', after);
    });

    it('does not report when Size is assigned before the call', async () => {
      await assertNone('csharp', method(`var opts = new StorageSourceOptions();\nopts.Size = rawSize;\nawait client.IngestFromStorageAsync("${MI}", props, opts);`));
      await assertNone('csharp', method(`var opts = new StorageSourceOptions { Size = 0 };\nawait client.IngestFromStorageAsync("${MI}", props, opts);`));
      await assertNone('csharp', method(`var opts = new StorageSourceOptions();\nif (known) { opts.Size = rawSize; }\nawait client.IngestFromStorageAsync("${MI}", props, opts);`));
      await assertNone('csharp', `using Kusto.Ingest;\nvar opts = new StorageSourceOptions();\nopts.Size = 0;\nawait client.IngestFromStorageAsync("${MI}", props, opts);\n`);
    });

    it('reports when Size is assigned only after the call', async () => {
      await single('csharp', method(`var opts = new StorageSourceOptions();\nawait client.IngestFromStorageAsync("${MI}", props, opts);\nopts.Size = rawSize;`), 'IngestFromStorageAsync');
    });

    it('does not report options built elsewhere', async () => {
      await assertNone('csharp', method(`var opts = BuildOptions();\nawait client.IngestFromStorageAsync("${MI}", props, opts);`));
      await assertNone('csharp', method(`await client.IngestFromStorageAsync("${MI}", props, BuildOptions());`));
      await assertNone('csharp', method(`await client.IngestFromStorageAsync("${MI}", props, _options);`));
      await assertNone('csharp', method(`var opts = new StorageSourceOptions();\nopts = Tune(opts);\nawait client.IngestFromStorageAsync("${MI}", props, opts);`));
      await assertNone('csharp', `class L {\n    async Task Run(IKustoIngestClient client, KustoIngestionProperties props, StorageSourceOptions opts)\n    {\n        await client.IngestFromStorageAsync("${MI}", props, opts);\n    }\n}\n`);
    });
  });

  describe('legacy IngestFromSingleBlobAsync', () => {
    it('adds the rawDataSize argument', async () => {
      await assertFix('csharp',
        method(`await client.IngestFromSingleBlobAsync("${MI}", false, props);`),
        'IngestFromSingleBlobAsync',
        method(`await client.IngestFromSingleBlobAsync("${MI}", false, props, 0);`));
    });

    it('adds a named rawDataSize when the call uses named arguments', async () => {
      await assertFix('csharp',
        method(`await client.IngestFromSingleBlobAsync("${MI}", deleteSourceOnSuccess: false, ingestionProperties: props);`),
        'IngestFromSingleBlobAsync',
        method(`await client.IngestFromSingleBlobAsync("${MI}", deleteSourceOnSuccess: false, ingestionProperties: props, rawDataSize: 0);`));
    });

    it('does not report a given size', async () => {
      await assertNone('csharp', method(`await client.IngestFromSingleBlobAsync("${MI}", false, props, rawSize);`));
      await assertNone('csharp', method(`await client.IngestFromSingleBlobAsync("${MI}", false, props, rawDataSize: 0);`));
    });
  });

  describe('negatives', () => {
    it('does not report a size that is set, 0, or a variable', async () => {
      await assertNone('csharp', method(`await client.IngestFromStorageAsync("${MI}", props, new StorageSourceOptions { Size = 1024 });`));
      await assertNone('csharp', method(`await client.IngestFromStorageAsync("${MI}", props, new StorageSourceOptions { Size = 0 });`));
      await assertNone('csharp', method(`await client.IngestFromStorageAsync("${MI}", props, new BlobSourceOptions { DeleteSourceOnSuccess = true, Size = rawSize });`));
    });

    it('does not report SAS URIs or URIs it cannot see', async () => {
      await assertNone('csharp', method(`await client.IngestFromStorageAsync("${SAS}", props);`));
      await assertNone('csharp', method('await client.IngestFromStorageAsync(blobUri, props);'));
      await assertNone('csharp', method(`var uri = "${MI}";\nuri = GetSasUri();\nawait client.IngestFromStorageAsync(uri, props);`));
      await assertNone('csharp', method(`var uri = "https://a.blob.core.windows.net/c/x.csv;managed" + "_identity=system";\nawait client.IngestFromStorageAsync(uri, props);`));
    });

    it('lets a parameter shadow a constant', async () => {
      await assertNone('csharp', `class L\n{\n    const string uri = "${MI}";\n    async Task Run(IKustoIngestClient client, KustoIngestionProperties props, string uri)\n    {\n        await client.IngestFromStorageAsync(uri, props);\n    }\n}\n`);
    });

    it('does not report commented-out code or code inside strings', async () => {
      await assertNone('csharp', method(`var uri = "${MI}";\n// await client.IngestFromStorageAsync(uri, props);\n/* await client.IngestFromStorageAsync(uri, props); */`));
      await assertNone('csharp', method(`var snippet = "await client.IngestFromStorageAsync(\\"${MI}\\", props);";\nvar raw = """client.IngestFromStorageAsync("${MI}", props)""";`));
      await assertNone('csharp', method(`/// <example>client.IngestFromStorageAsync("${MI}", props)</example>\nawait client.IngestFromStorageAsyncWrapper("${MI}", props);`));
    });
  });

  it('reports every call of a realistic file once, at the callee name', async () => {
    const text = fixture('Ingestion.cs');
    const found = await findings('csharp', text);
    const lines = found.map((f) => text.slice(0, f.start).split('\n').length);
    assert.deepEqual(found.map((f) => text.slice(f.start, f.end)), ['IngestFromStorageAsync', 'IngestFromStorageAsync', 'IngestFromSingleBlobAsync', 'IngestFromStorageAsync']);
    const expected = fixture('Ingestion.expected.txt').trim().split('\n').map(Number);
    assert.deepEqual(lines, expected);
    const after = applyEdits(text, found.flatMap((f) => f.fixes.filter((x) => x.isPreferred).flatMap((x) => x.edits)));
    assert.equal(after, fixture('Ingestion.fixed.cs'));
    assert.deepEqual(await findings('csharp', after), []);
  });
});
