// `scan` starts fast because it loads only its own code: dist/cli.js parses the
// command line and requires the scan bundle; the Kusto and Azure SDKs are never
// loaded, and tree-sitter with a grammar only when a file of that language
// holds a managed-identity URI. Checked by recording, in the scanning process,
// every JavaScript file it loaded and every grammar (.wasm) it read.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliPath, repoRoot } from './cliHarness';

const HOOK = `
const fs = require('node:fs');
const wasm = [];
const record = (f) => { if (String(f).endsWith('.wasm')) wasm.push(String(f)); };
const readFileSync = fs.readFileSync;
fs.readFileSync = function (f, ...rest) { record(f); return readFileSync.call(this, f, ...rest); };
const readFile = fs.promises.readFile;
fs.promises.readFile = function (f, ...rest) { record(f); return readFile.call(this, f, ...rest); };
process.on('exit', () => {
  const js = Object.keys(require.cache).filter((f) => f !== __filename);
  fs.writeFileSync(process.env.LOAD_RECORD, JSON.stringify({ js, wasm }));
});
`;

interface Loaded {
  readonly js: string[];
  readonly wasm: string[];
}

describe('cli scan: loads only what it needs', function () {
  this.timeout(60_000);
  const root = repoRoot();
  let cli: string;
  let dir: string;

  before(() => {
    // The split into command bundles is the product build's (esbuild.js); build it when dist/ is stale.
    const dist = path.join(root, 'dist', 'cli.js');
    if (cliPath(root) !== dist) {
      const built = spawnSync(process.execPath, ['esbuild.js'], { cwd: root, encoding: 'utf8' });
      assert.equal(built.status, 0, built.stderr);
    }
    cli = dist;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kusto-mi-load-'));
    fs.writeFileSync(path.join(dir, 'hook.js'), HOOK);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  function scan(files: Record<string, string>): Loaded {
    const tree = fs.mkdtempSync(path.join(dir, 'tree-'));
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(tree, name), text);
    const record = path.join(tree, '..', `${path.basename(tree)}.json`);
    const res = spawnSync(process.execPath, ['-r', path.join(dir, 'hook.js'), cli, 'scan', tree],
      { encoding: 'utf8', env: { ...process.env, LOAD_RECORD: record } });
    assert.ok(res.status === 0 || res.status === 1, res.stderr);
    return JSON.parse(fs.readFileSync(record, 'utf8')) as Loaded;
  }

  const names = (files: string[]) => files.map((f) => path.relative(path.dirname(cli), f)).sort();
  const kib = (files: string[]) => files.reduce((sum, f) => sum + fs.statSync(f).size, 0) / 1024;

  it('a tree without a candidate file: no SDK, no tree-sitter, under 512 KiB of code', () => {
    const loaded = scan({
      'README.md': 'Upload to https://acct.blob.core.windows.net/c/f.csv?sv=2022-11-02&sp=r&sig=abcdefghijklmnopqrstuvwxyz0123456789ABCDEF%3D\n',
      'settings.json': '{ "timeout": 30 }\n',
      'Program.cs': 'class P { static void Main() { } }\n',
    });
    assert.deepEqual(names(loaded.js), ['cli-scan.js', 'cli.js']);
    assert.deepEqual(loaded.wasm, []);
    assert.ok(kib(loaded.js) < 512, `${kib(loaded.js).toFixed(0)} KiB of JavaScript loaded`);
  });

  it('a C# file with a managed-identity URI: tree-sitter and the C# grammar only', () => {
    const loaded = scan({
      'Ingest.cs': 'class P { async Task Run(IKustoQueuedIngestClient c, KustoIngestionProperties p) {\n'
        + '  await c.IngestFromStorageAsync("https://acct.blob.core.windows.net/c/f.csv;managed_identity=system", p);\n} }\n',
      'notes.py': 'print("no ingestion here")\n',
    });
    assert.deepEqual(names(loaded.js), ['cli-scan.js', 'cli.js', path.join('vendor', 'tree-sitter.js')]);
    const grammars = loaded.wasm.map((f) => path.basename(f)).filter((f) => f.startsWith('tree-sitter-'));
    assert.deepEqual(grammars, ['tree-sitter-c-sharp.wasm']);
  });
});
