// `scan` reports the blob-size rule too, in every format, and `--fix` adds the
// size with the same text as the editor's quick fix.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliPath, repoRoot, runCli } from './cliHarness';

describe('cli scan: mi-blob-size-missing', function () {
  // The workspace fixture holds a .kql file: the scan loads Kusto's parser for it (seconds on a busy machine).
  this.timeout(60_000);
  const root = repoRoot();
  const cli = cliPath(root);
  let tree: string;

  beforeEach(() => {
    tree = fs.mkdtempSync(path.join(os.tmpdir(), 'kusto-mi-size-'));
    fs.cpSync(path.join(root, 'test', 'fixtures', 'workspace'), tree, { recursive: true });
  });
  afterEach(() => fs.rmSync(tree, { recursive: true, force: true }));

  it('reports one missing size per language, in JSON and SARIF', () => {
    const json = runCli(cli, ['scan', '.', '--format', 'json'], tree);
    assert.equal(json.code, 1);
    const findings = (JSON.parse(json.stdout) as { file: string; line: number; ruleId: string }[]).filter((f) => f.ruleId === 'mi-blob-size-missing');
    assert.deepEqual(findings.map((f) => `${f.file}:${f.line}`).sort(),
      ['go/ingest.go:12', 'src/IngestOrders.cs:18', 'src/ingestMetrics.ts:8', 'src/ingest_events.py:9']);

    const sarif = JSON.parse(runCli(cli, ['scan', '.', '--format', 'sarif'], tree).stdout);
    const run = sarif.runs[0];
    assert.ok(run.tool.driver.rules.some((r: { id: string }) => r.id === 'mi-blob-size-missing'));
    assert.equal(run.results.filter((r: { ruleId: string }) => r.ruleId === 'mi-blob-size-missing').length, 4);
  });

  it('--fix adds the size and leaves nothing of the rule behind', () => {
    const fixed = runCli(cli, ['scan', '.', '--fix', '--format', 'json'], tree);
    assert.equal(fixed.code, 0, fixed.stderr);
    const python = fs.readFileSync(path.join(tree, 'src', 'ingest_events.py'), 'utf8');
    assert.ok(python.includes('BlobDescriptor(EVENTS_MI_URL, size=0)'));
    const go = fs.readFileSync(path.join(tree, 'go', 'ingest.go'), 'utf8');
    assert.ok(go.includes('ingest.FileFormat(ingest.JSON), ingest.RawDataSize(0))'));
    const again = runCli(cli, ['scan', '.', '--format', 'json'], tree);
    assert.equal(again.code, 0);
    assert.deepEqual(JSON.parse(again.stdout), []);
  });
});
