// The size rule stays linear in the number of calls on one variable: a method
// with thousands of IngestFromStorageAsync(uri, props) calls used to resolve
// `uri` again at every call, searching every earlier occurrence (2,000 calls
// took 10-17 s). The work is counted as tree-sitter query runs, which a loaded
// machine cannot make flaky; the wall time is in `npm run bench`.
import assert from 'node:assert/strict';
import { GrammarLoader } from '../../../src/analyzers/loader';
import { analyzer, wasmDir } from './helpers';

const MI = 'https://acct.blob.core.windows.net/c/data.csv;managed_identity=system';

function manyCalls(calls: number, withOptions: boolean): string {
  const lines = [
    'using Kusto.Ingest;',
    'class Loader',
    '{',
    '    async Task Run(IKustoQueuedIngestClient client, KustoIngestionProperties props)',
    '    {',
    `        var uri = "${MI}";`,
    '        var opts = new StorageSourceOptions { DeleteSourceOnSuccess = false };',
  ];
  const call = withOptions ? 'IngestFromStorageAsync(uri, props, opts)' : 'IngestFromStorageAsync(uri, props)';
  for (let i = 0; i < calls; i++) lines.push(`        await client.${call};`);
  lines.push('    }', '}', '');
  return lines.join('\n');
}

/** Runs `body` counting the tree-sitter query runs it makes. */
async function countQueries<T>(body: () => Promise<T>): Promise<{ result: T; queries: number }> {
  const { api } = await new GrammarLoader(wasmDir()).grammar('c-sharp');
  const proto = api.Query.prototype as { matches: (...args: unknown[]) => unknown };
  const original = proto.matches;
  let queries = 0;
  proto.matches = function (this: unknown, ...args: unknown[]) {
    queries++;
    return original.apply(this, args);
  };
  try {
    return { result: await body(), queries };
  } finally {
    proto.matches = original;
  }
}

describe('mi-blob-size-missing: many calls on one variable', () => {
  for (const withOptions of [false, true]) {
    const shape = withOptions ? 'IngestFromStorageAsync(uri, props, opts)' : 'IngestFromStorageAsync(uri, props)';
    it(`reports every one of 2,000 ${shape} calls, with work that grows linearly`, async () => {
      const small = await countQueries(() => analyzer().analyze(manyCalls(200, withOptions), 'csharp'));
      const large = await countQueries(() => analyzer().analyze(manyCalls(2000, withOptions), 'csharp'));
      assert.equal(small.result.length, 200);
      assert.equal(large.result.length, 2000);
      assert.ok(large.result.every((f) => f.ruleId === 'mi-blob-size-missing' && f.fixes.length > 0));
      // Ten times the calls may cost ten times the queries (one per call at most), not a hundred.
      assert.ok(large.queries <= 2000 + 10, `${large.queries} queries for 2,000 calls`);
      assert.ok(large.queries <= small.queries * 10 + 10, `${small.queries} queries for 200 calls, ${large.queries} for 2,000`);
    });
  }
});
