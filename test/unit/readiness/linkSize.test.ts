import assert from 'node:assert/strict';
import type { Finding } from '../../../src/core/findings';
import { callText, linkSizeFindings, nameBoundTo } from '../../../src/readiness/core/linkSize';
import { sizeStep } from '../../../src/readiness/core/sizeStep';

const MI = 'https://contosodata.blob.core.windows.net/returns/returns.csv;managed_identity=system';
const OTHER = 'https://contosodata.blob.core.windows.net/orders/o.csv;managed_identity=system';

function finding(text: string, callee: string, nth = 0): Finding {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(callee, at + 1);
  return {
    ruleId: 'mi-blob-size-missing', start: at, end: at + callee.length, message: `${callee} without a size`,
    fixes: [{ title: 'Add size', isPreferred: true, edits: [{ start: at + callee.length, end: at + callee.length, newText: '/*size*/' }] }],
  };
}

describe('readiness/linkSize', () => {
  it('finds the name a URI literal is assigned to, in each language', () => {
    const cases: [string, string][] = [
      [`    private const string ReturnsBlob =\n        "${MI}";`, 'ReturnsBlob'],
      [`var blob = @"${MI}";`, 'blob'],
      [`EVENTS_MI_URL = "${MI}"`, 'EVENTS_MI_URL'],
      [`url = f"${MI}"`, 'url'],
      [`const metricsMi = '${MI}';`, 'metricsMi'],
      [`const metricsMi: string = \`${MI}\`;`, 'metricsMi'],
      [`eventsBlob := "${MI}"`, 'eventsBlob'],
      [`client.Ingest("${MI}")`, ''],
    ];
    for (const [text, name] of cases) assert.equal(nameBoundTo(text, text.indexOf('https')) ?? '', name, text);
  });

  it('takes the call up to its closing bracket', () => {
    const text = 'await client.IngestFromStorageAsync(ReturnsBlob, props, new StorageSourceOptions { X = 1 }); next();';
    assert.equal(callText(text, finding(text, 'IngestFromStorageAsync')), 'IngestFromStorageAsync(ReturnsBlob, props, new StorageSourceOptions { X = 1 })');
  });

  it('links the calls that pass the URI or its name, not the others', () => {
    const text = [
      `const returnsMi = '${MI}';`,
      `const ordersMi = '${OTHER}';`,
      'ingest(new BlobDescriptor(returnsMi));',
      'ingest(new BlobDescriptor(ordersMi));',
      `ingest(new BlobDescriptor('${MI}'));`,
      'ingest(new BlobDescriptor(returnsMiOld));',
    ].join('\n');
    const findings = [0, 1, 2, 3].map((n) => finding(text, 'BlobDescriptor', n));
    const start = text.indexOf(MI);
    const { linked, unlinked } = linkSizeFindings(text, findings, start, start + MI.length);
    assert.deepEqual(linked.map((f) => f.start), [findings[0].start, findings[2].start]);
    assert.deepEqual(unlinked.map((f) => f.start), [findings[1].start, findings[3].start]);
  });

  it('sizeStep: fails with the rule\'s fix for a linked call, passes without findings, unknown without a source', () => {
    const text = `const returnsMi = '${MI}';\nconst o = '${OTHER}';\ningest(new BlobDescriptor(returnsMi));\n`;
    const f = finding(text, 'BlobDescriptor');
    const failed = sizeStep(MI, true, { fileName: '/w/src/ingest.ts', text, languageId: 'typescript', sizeFindings: [f] });
    assert.equal(failed.verdict, 'fail');
    assert.match(failed.summary, /ingest\.ts:3/);
    assert.deepEqual(failed.fix, { kind: 'addSize', title: 'Add size', edits: f.fixes[0].edits });
    assert.equal(sizeStep(MI, true, { fileName: 'ingest.ts', text, languageId: 'typescript', sizeFindings: [] }).verdict, 'pass');
    const none = sizeStep(MI, true, undefined);
    assert.equal(none.verdict, 'unknown');
    assert.match(none.reason ?? '', /No source file given/);
  });

  it('sizeStep: an untraceable finding is unknown, or linked when the file has one managed-identity URI', () => {
    const two = `const a = '${MI}';\nconst b = '${OTHER}';\nconst c = pick(a, b);\ningest(new BlobDescriptor(c));\n`;
    assert.equal(sizeStep(MI, true, { fileName: 'x.ts', text: two, sizeFindings: [finding(two, 'BlobDescriptor')] }).verdict, 'unknown');
    const one = `const a = '${MI}';\nconst c = wrap(a);\ningest(new BlobDescriptor(c));\n`;
    assert.equal(sizeStep(MI, true, { fileName: 'x.ts', text: one, sizeFindings: [finding(one, 'BlobDescriptor')] }).verdict, 'fail');
  });

  it('sizeStep: KQL needs no size; other languages and SAS URIs are unknown', () => {
    assert.equal(sizeStep(MI, true, { fileName: 'q/ingest.kql', text: `.ingest into table T ('${MI}')` }).verdict, 'pass');
    const java = sizeStep(MI, true, { fileName: 'Ingest.java', text: '', languageId: 'java' });
    assert.equal(java.verdict, 'unknown');
    assert.match(java.reason ?? '', /Ingest\.java is java/);
    assert.equal(sizeStep('https://a.blob.core.windows.net/c/f?sv=1&sig=x', false, { fileName: 'x.ts', text: '', sizeFindings: [] }).verdict, 'unknown');
  });
});
