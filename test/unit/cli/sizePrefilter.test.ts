// The scan's byte prefilter for the blob-size rule: a file is parsed with
// tree-sitter only when its bytes hold the managed-identity marker and one of
// its language's call names as a whole identifier. Parses are counted, not
// timed: a file with a real finding is still analysed, files that cannot have
// one (the call name only inside a longer identifier, or no call at all) are not.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { scanFiles } from '../../../src/cli/scan/scanFiles';
import { sizeParseCount } from '../../../src/cli/scan/sizeAnalysis';
import type { ScanTarget } from '../../../src/cli/scan/walk';

const MI = 'https://contosodata.blob.core.windows.net/returns/returns.csv;managed_identity=system';

const WITH_FINDING = `using Kusto.Ingest;
public static class Loader
{
    public static async Task RunAsync(IKustoQueuedIngestClient client, KustoIngestionProperties props)
    {
        await client.IngestFromStorageAsync("${MI}", props);
    }
}
`;

/** The call name only as part of a longer identifier: no call the rule is about. */
const LONGER_NAME = `public static class Wrapper
{
    private const string Blob = "${MI}";
    public static Task IngestFromStorageAsyncWithRetry(string uri) => Task.CompletedTask;
    public static Task RunAsync() => IngestFromStorageAsyncWithRetry(Blob);
}
`;

/** A managed-identity URI in a settings class, and no ingestion call at all. */
const NO_CALL = `public static class Settings
{
    public const string Blob = "${MI}";
}
`;

describe('cli scan: size-rule prefilter', function () {
  this.timeout(60_000);
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kusto-mi-prefilter-'));
    fs.writeFileSync(path.join(dir, 'Loader.cs'), WITH_FINDING);
    fs.writeFileSync(path.join(dir, 'Wrapper.cs'), LONGER_NAME);
    fs.writeFileSync(path.join(dir, 'Settings.cs'), NO_CALL);
    // UTF-16 files take the decoded-text path; the same rule applies there.
    fs.writeFileSync(path.join(dir, 'Wrapper16.cs'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(LONGER_NAME, 'utf16le')]));
    fs.writeFileSync(path.join(dir, 'Loader16.cs'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(WITH_FINDING, 'utf16le')]));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function scan(...names: string[]): Promise<{ parsed: number; rules: string[] }> {
    const targets: ScanTarget[] = names.map((n) => ({ path: path.join(dir, n), fsPath: path.join(dir, n) }));
    const before = sizeParseCount();
    const result = await scanFiles(targets, { maxFileSize: 1 << 20, onSkipped: () => undefined, onError: (_f, e) => { throw e; } });
    const rules = result.results.flatMap((r) => r.findings.map((f) => `${path.basename(r.target.path)}:${f.region.startLine}:${f.ruleId}`));
    return { parsed: sizeParseCount() - before, rules };
  }

  it('parses a file with a real finding and reports it', async () => {
    const { parsed, rules } = await scan('Loader.cs', 'Loader16.cs');
    assert.equal(parsed, 2);
    assert.deepEqual(rules, ['Loader.cs:6:mi-blob-size-missing', 'Loader16.cs:6:mi-blob-size-missing']);
  });

  it('does not parse files whose bytes hold no call the rule is about', async () => {
    const { parsed, rules } = await scan('Wrapper.cs', 'Settings.cs', 'Wrapper16.cs');
    assert.equal(parsed, 0);
    assert.deepEqual(rules, []);
  });
});
