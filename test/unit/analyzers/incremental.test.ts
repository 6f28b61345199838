import assert from 'node:assert/strict';
import type { Finding } from '../../../src/core/findings';
import type { AnalyzedDocument, TextChange } from '../../../src/analyzers';
import { analyzer, fastCheck, findings } from './helpers';

const fc = fastCheck();

const MI = 'https://acct.blob.core.windows.net/c/data.csv;managed_identity=system';

const CS = `using Kusto.Ingest;

class Loader
{
    private const string Archive = "https://acct.blob.core.windows.net/c/archive.csv?sv=1&sig=x";

    async Task First(IKustoIngestClient client, KustoIngestionProperties props)
    {
        // 😀 emoji and é before the calls: offsets are UTF-16 code units
        var uri = "${MI}";
        await client.IngestFromStorageAsync(uri, props, new StorageSourceOptions { Size = 0 });
    }

    async Task Second(IKustoIngestClient client, KustoIngestionProperties props)
    {
        await client.IngestFromStorageAsync("${MI}", props);
    }

    async Task Third(IKustoIngestClient client, KustoIngestionProperties props)
    {
        await client.IngestFromStorageAsync(Archive, props);
    }
}
`;

/** A change replacing `find` (its `nth` occurrence) with `replace`, and the resulting text. */
function change(text: string, find: string, replace: string, nth = 0): { change: TextChange; text: string } {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(find, at + 1);
  assert.ok(at >= 0, `'${find}' not found`);
  return {
    change: { rangeOffset: at, rangeLength: find.length, text: replace },
    text: text.slice(0, at) + replace + text.slice(at + find.length),
  };
}

function callees(text: string, found: readonly Finding[]): string[] {
  return found.map((f) => `${text.slice(f.start, f.end)}@${text.slice(0, f.start).split('\n').length}`);
}

async function assertMatchesFresh(doc: AnalyzedDocument, languageId: string): Promise<void> {
  assert.deepEqual(doc.findings, await findings(languageId, doc.text));
}

describe('mi-blob-size-missing: incremental documents', () => {
  let doc: AnalyzedDocument;
  afterEach(() => doc?.dispose());

  it('makes a finding appear and disappear as the size is removed and restored', async () => {
    doc = await analyzer().openDocument('csharp', CS);
    assert.deepEqual(callees(CS, doc.findings), ['IngestFromStorageAsync@16']);

    const removed = change(CS, ', new StorageSourceOptions { Size = 0 }', '');
    const afterRemove = doc.update([removed.change], removed.text);
    assert.deepEqual(callees(removed.text, afterRemove), ['IngestFromStorageAsync@11', 'IngestFromStorageAsync@16']);
    await assertMatchesFresh(doc, 'csharp');

    const restored = change(removed.text, 'uri, props)', 'uri, props, new StorageSourceOptions { Size = 0 })');
    doc.update([restored.change], restored.text);
    assert.equal(doc.text, CS);
    assert.deepEqual(callees(CS, doc.findings), ['IngestFromStorageAsync@16']);
    await assertMatchesFresh(doc, 'csharp');
  });

  it('shifts the findings of untouched methods after an edit in another one', async () => {
    doc = await analyzer().openDocument('csharp', CS);
    const edit = change(CS, '        var uri', '        var unused = 1;\n        var uri');
    doc.update([edit.change], edit.text);
    assert.deepEqual(callees(edit.text, doc.findings), ['IngestFromStorageAsync@17']);
    await assertMatchesFresh(doc, 'csharp');
  });

  it('re-analyses every method when module-level code changes', async () => {
    doc = await analyzer().openDocument('csharp', CS);
    const edit = change(CS, '?sv=1&sig=x', ';managed_identity=system');
    doc.update([edit.change], edit.text);
    assert.deepEqual(callees(edit.text, doc.findings), ['IngestFromStorageAsync@16', 'IngestFromStorageAsync@21']);
    await assertMatchesFresh(doc, 'csharp');
  });

  it('re-analyses when an edit inside a method changes a file-wide fact (the options type name)', async () => {
    doc = await analyzer().openDocument('csharp', CS);
    const edit = change(CS, 'new StorageSourceOptions { Size = 0 }', 'new BlobSourceOptions { Size = 0 }');
    doc.update([edit.change], edit.text);
    assert.match(doc.findings[0]?.fixes[0]?.edits[0]?.newText ?? '', /new BlobSourceOptions/);
    await assertMatchesFresh(doc, 'csharp');
  });

  it('applies several changes of one event in order (VS Code sends them last-first)', async () => {
    doc = await analyzer().openDocument('csharp', CS);
    const second = change(CS, 'props);', 'props, new StorageSourceOptions { Size = 1 });');
    const first = change(second.text, ', new StorageSourceOptions { Size = 0 }', '');
    doc.update([second.change, first.change], first.text);
    assert.deepEqual(callees(first.text, doc.findings), ['IngestFromStorageAsync@11']);
    await assertMatchesFresh(doc, 'csharp');
  });

  it('keeps UTF-16 offsets right across non-BMP characters', async () => {
    doc = await analyzer().openDocument('csharp', CS);
    const edit = change(CS, '// 😀 emoji', '// 😀😀 more 𝄞 emoji');
    const found = doc.update([edit.change], edit.text);
    assert.deepEqual(callees(edit.text, found), ['IngestFromStorageAsync@16']);
    await assertMatchesFresh(doc, 'csharp');
  });

  it('re-parses from scratch when the changes do not produce the new text', async () => {
    doc = await analyzer().openDocument('csharp', CS);
    const edit = change(CS, ', new StorageSourceOptions { Size = 0 }', '');
    doc.update([{ rangeOffset: 0, rangeLength: 0, text: 'stale' }], edit.text);
    assert.equal(doc.findings.length, 2);
    await assertMatchesFresh(doc, 'csharp');
  });

  it('works for Python, TypeScript and Go documents', async () => {
    const py = `from azure.kusto.ingest import BlobDescriptor\n\ndef f():\n    uri = "${MI}"\n    return BlobDescriptor(uri, size=0)\n`;
    doc = await analyzer().openDocument('python', py);
    assert.equal(doc.findings.length, 0);
    const pyEdit = change(py, ', size=0', '');
    assert.equal(doc.update([pyEdit.change], pyEdit.text).length, 1);
    await assertMatchesFresh(doc, 'python');
    doc.dispose();

    const ts = `const uri = "${MI}";\nexport function f() {\n  return new BlobDescriptor(uri, 0);\n}\n`;
    doc = await analyzer().openDocument('typescript', ts);
    const tsEdit = change(ts, ', 0', '');
    assert.equal(doc.update([tsEdit.change], tsEdit.text).length, 1);
    await assertMatchesFresh(doc, 'typescript');
    doc.dispose();

    const go = `package p\n\nimport "github.com/Azure/azure-kusto-go/kusto/ingest"\n\nfunc f(in *ingest.Ingestion) {\n\tin.FromFile(ctx, "${MI}", ingest.RawDataSize(0))\n}\n`;
    doc = await analyzer().openDocument('go', go);
    const goEdit = change(go, ', ingest.RawDataSize(0)', '');
    assert.equal(doc.update([goEdit.change], goEdit.text).length, 1);
    await assertMatchesFresh(doc, 'go');
  });

  it('refuses updates after dispose', async () => {
    doc = await analyzer().openDocument('csharp', CS);
    doc.dispose();
    assert.throws(() => doc.update([], CS));
  });

  describe('property: incremental results equal a fresh analysis', () => {
    const FRAGMENTS = [
      'Size = 0', ', new StorageSourceOptions { }', ';managed_identity=system', '\n', '}', '{', '// ', '/*', '*/', '"',
      '😀', 'é', ', props', 'const string Archive = "x;managed_identity=system";', 'BlobSourceOptions', 'opts.Size = 1;',
      'var opts = new StorageSourceOptions();', 'await client.IngestFromStorageAsync(uri, props, opts);', 'IngestFromSingleBlobAsync',
      '$"{a};managed_identity={b}"', ' + ', 'uri', '(', ')', ';',
    ];

    /** Random single edits; positions and lengths are fractions of the current text. */
    const editArb = fc.record({
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      remove: fc.nat({ max: 12 }),
      insert: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.constant('')),
    });

    function toChange(text: string, e: { at: number; remove: number; insert: string }): { change: TextChange; text: string } {
      let at = Math.min(text.length, Math.floor(e.at * text.length));
      // Never split a surrogate pair: VS Code offsets are at code-point boundaries.
      if (at > 0 && at < text.length && /[\uDC00-\uDFFF]/.test(text[at] ?? '')) at--;
      let end = Math.min(text.length, at + e.remove);
      if (end > 0 && end < text.length && /[\uDC00-\uDFFF]/.test(text[end] ?? '')) end++;
      return {
        change: { rangeOffset: at, rangeLength: end - at, text: e.insert },
        text: text.slice(0, at) + e.insert + text.slice(end),
      };
    }

    for (const [languageId, seed] of [
      ['csharp', CS],
      ['typescript', `const BLOB = "${MI}";\nexport function f(c: Client) {\n  // é 😀\n  let u = "${MI}";\n  c.ingest(new BlobDescriptor(u, 0));\n  return () => new BlobDescriptor(BLOB);\n}\nclass K { m() { return new BlobDescriptor(\`x;managed_identity=\${id}\`, 10); } }\n`],
      ['python', `BLOB = "${MI}"\n\ndef f(c):\n    # é 😀\n    u = "${MI}"\n    c.ingest(BlobDescriptor(u, size=0))\n    c.ingest(BlobDescriptor(BLOB))\n\ndef g():\n    return BlobDescriptor(f"x;managed_identity={id}", 10)\n`],
    ] as const) {
      it(`${languageId}: random edit sequences`, async () => {
        await fc.assert(fc.asyncProperty(fc.array(fc.array(editArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }), async (events) => {
          const d = await analyzer().openDocument(languageId, seed);
          try {
            let text: string = seed;
            for (const event of events) {
              // One event: changes applied in order, each relative to the previous result.
              const changes: TextChange[] = [];
              for (const e of event) {
                const next = toChange(text, e);
                changes.push(next.change);
                text = next.text;
              }
              const incremental = d.update(changes, text);
              assert.deepEqual(incremental, await findings(languageId, text));
            }
          } finally {
            d.dispose();
          }
        }), { numRuns: 80 });
      });
    }
  });
});
