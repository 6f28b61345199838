// `kusto-mi scan` end to end: the bundled CLI runs as a child process on a copy
// of test/fixtures/scan/tree (files in many languages, a .gitignore'd file and a
// binary file that both hold a SAS and must not be reported).

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RULES } from '../../../src/core/findings';
import { cliPath, copyFixtureTree, repoRoot, runCli } from './cliHarness';

interface ExpectedFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly ruleId: string;
  /** The managed_identity policy usage of the finding's flow (SARIF `properties.usage`, JSON `usage`). */
  readonly usage?: string;
  readonly fixable: boolean;
}

const root = repoRoot();
const expected = JSON.parse(fs.readFileSync(path.join(root, 'test', 'fixtures', 'scan', 'expected.json'), 'utf8')) as ExpectedFinding[];
const withoutFixable = expected.map(({ fixable: _fixable, ...rest }) => rest);

// The fake secrets in the fixture tree: no output may contain any of them.
const SECRETS = ['AbCdEfGhIjKlMnOpQrStUvWxYz0123456789', 'ZyXwVuTsRqPoNmLkJiHgFeDcBa9876543210', 'Qm9ndXNTaWduYXR1cmVGb3JUZXN0czAxMjM0NTY3ODk', 'FakeKeyForTestsOnly0123456789',
  'FakeSqlPassw0rdForTestsOnly', 'ZmFrZVNpZ25hdHVyZUZvclRlc3RzT25seQ'];

function assertNoSecret(output: string): void {
  for (const secret of SECRETS) assert.ok(!output.includes(secret), `output leaks ${secret.slice(0, 8)}...`);
  assert.doesNotMatch(output, /sig(=|%3d)(?!\*\*\*)[A-Za-z0-9%]/i);
}

describe('kusto-mi scan (CLI)', function () {
  this.timeout(60_000);
  let cli: string;
  let tree: string;

  before(() => {
    cli = cliPath(root);
    tree = copyFixtureTree(root);
  });

  after(() => fs.rmSync(tree, { recursive: true, force: true }));

  it('reports the expected findings as JSON, relative to the working directory', () => {
    const run = runCli(cli, ['scan', '--format', 'json'], tree);
    assert.equal(run.code, 1, run.stderr);
    const rows = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(rows.map(({ message: _m, ...rest }) => rest), withoutFixable);
    for (const row of rows) assert.equal(typeof row.message, 'string');
    assertNoSecret(run.stdout + run.stderr);
  });

  it('never reports the .gitignore\'d files or the binary file', () => {
    const run = runCli(cli, ['scan', '--format', 'json'], tree);
    const files = new Set((JSON.parse(run.stdout) as Array<{ file: string }>).map((r) => r.file));
    for (const file of ['ignored/secret.txt', 'logs/run.log', 'assets/logo.bin']) assert.ok(!files.has(file), file);
    assert.ok(files.has('logs/keep.log'), 'a !negated pattern in a nested .gitignore is honoured');
  });

  it('writes SARIF 2.1.0 with rules, relative URIs, regions and fixes', () => {
    const run = runCli(cli, ['scan', '.', '--format', 'sarif'], tree);
    assert.equal(run.code, 1, run.stderr);
    const sarif = JSON.parse(run.stdout);
    assert.equal(sarif.version, '2.1.0');
    assert.match(sarif.$schema, /sarif-2\.1\.0/);
    const driver = sarif.runs[0].tool.driver;
    assert.equal(driver.name, 'kusto-mi');
    assert.match(driver.informationUri, /^https:\/\//);
    assert.deepEqual(driver.rules.map((r: { id: string }) => r.id), Object.keys(RULES));
    for (const rule of driver.rules) {
      const info = RULES[rule.id as keyof typeof RULES];
      assert.deepEqual([rule.name, rule.shortDescription.text, rule.help.text], [info.name, info.shortDescription, info.help]);
    }
    const results = sarif.runs[0].results as Array<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.deepEqual(results.map((r) => {
      const loc = r.locations[0].physicalLocation;
      return {
        file: loc.artifactLocation.uri, line: loc.region.startLine, column: loc.region.startColumn,
        endLine: loc.region.endLine, endColumn: loc.region.endColumn, ruleId: r.ruleId,
        ...(r.properties ? { usage: r.properties.usage } : {}), fixable: Array.isArray(r.fixes),
      };
    }), expected);
    for (const r of results) {
      assert.equal(r.level, 'warning');
      assert.equal(typeof r.message.text, 'string');
      assert.equal(driver.rules[r.ruleIndex].id, r.ruleId);
    }
    const fix = results.find((r) => r.fixes)?.fixes[0];
    assert.match(fix.artifactChanges[0].replacements[0].insertedContent.text, /;managed_identity=system$/);
    assertNoSecret(run.stdout + run.stderr);
  });

  it('prints path:line:col: rule-id: message in text format', () => {
    const run = runCli(cli, ['scan'], tree);
    assert.equal(run.code, 1);
    const lines = run.stdout.trimEnd().split('\n');
    assert.deepEqual(lines.map((l) => l.split(': ')[0] + ': ' + l.split(': ')[1]), expected.map((e) => `${e.file}:${e.line}:${e.column}: ${e.ruleId}`));
    assert.match(run.stderr, new RegExp(`${expected.length} finding\\(s\\)`));
    assertNoSecret(run.stdout + run.stderr);
  });

  it('scans only the given paths and honours --exclude', () => {
    const some = runCli(cli, ['scan', 'queries', 'go/main.go', '--format', 'json'], tree);
    assert.deepEqual((JSON.parse(some.stdout) as Array<{ file: string }>).map((r) => r.file),
      expected.map((e) => e.file).filter((f) => f === 'go/main.go' || f.startsWith('queries/')));
    const excluded = runCli(cli, ['scan', '--format', 'json', '--exclude', '*.kql', '--exclude', 'src/**', '--exclude', 'config'], tree);
    const files = new Set((JSON.parse(excluded.stdout) as Array<{ file: string }>).map((r) => r.file));
    for (const file of ['queries/ingest.kql', 'src/Ingest.cs', 'config/appsettings.json']) assert.ok(!files.has(file), file);
    assert.ok(files.has('go/main.go'));
  });

  it('skips files over --max-file-size with a note on stderr', () => {
    const run = runCli(cli, ['scan', 'src', '--max-file-size', '100'], tree);
    assert.equal(run.code, 0);
    assert.match(run.stderr, /src\/Ingest\.cs: skipped: \d+ bytes is over the 100-byte limit/);
  });

  it('writes the report to --output', () => {
    const out = path.join(tree, '..', `${path.basename(tree)}-report.json`);
    const run = runCli(cli, ['scan', '--format', 'json', '--output', out], tree);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.equal((JSON.parse(fs.readFileSync(out, 'utf8')) as unknown[]).length, expected.length);
    fs.rmSync(out);
  });

  it('positions findings in large, BOM, CRLF and non-ASCII files like an editor does', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kusto-mi-pos-'));
    const uri = 'https://a1.blob.core.windows.net/c/f.csv?sv=2022-11-02&sp=r&sig=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789%2BaBcD%3D';
    try {
      const filler = 'const value = computeSomething(input); // padding line\n'.repeat(12_000); // larger than one read
      fs.writeFileSync(path.join(dir, 'big.ts'), `${filler}const u = "${uri}";\n`);
      fs.writeFileSync(path.join(dir, 'bom.cs'), `\ufeff// header\r\nvar u = "${uri}";\r\n`);
      fs.writeFileSync(path.join(dir, 'wide.md'), `Überblick 🚀: <${uri}>\n`);
      fs.writeFileSync(path.join(dir, 'one-line.json'), `{"a":"${'x'.repeat(300_000)}","u":"${uri}"}`);
      const run = runCli(cli, ['scan', '--format', 'json'], dir);
      const rows = (JSON.parse(run.stdout) as Array<{ file: string; line: number; column: number; endColumn: number }>)
        .map((r) => [r.file, r.line, r.column, r.endColumn]);
      assert.deepEqual(rows, [
        ['big.ts', 12_001, 12, 12 + uri.length],
        ['bom.cs', 2, 10, 10 + uri.length],
        ['one-line.json', 1, 300_014, 300_014 + uri.length],
        ['wide.md', 1, 16, 16 + uri.length], // 🚀 counts as two UTF-16 code units
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 0 when nothing is found', () => {
    const clean = fs.mkdtempSync(path.join(os.tmpdir(), 'kusto-mi-clean-'));
    fs.writeFileSync(path.join(clean, 'ok.cs'), 'var u = "https://a1.blob.core.windows.net/c/f.csv;managed_identity=system";\n');
    const run = runCli(cli, ['scan', '--format', 'json'], clean);
    assert.deepEqual([run.code, JSON.parse(run.stdout)], [0, []]);
    fs.rmSync(clean, { recursive: true, force: true });
  });

  describe('usage errors exit 2 with a clear message', () => {
    const cases: Array<[string, string[], RegExp]> = [
      ['an unknown flag', ['scan', '--frobnicate'], /Unknown option '--frobnicate'/],
      ['a bad format', ['scan', '--format', 'xml'], /unknown format 'xml'; expected one of text, json, sarif/],
      ['a missing path', ['scan', 'no/such/dir'], /no such file or directory: no\/such\/dir/],
      ['a bad size', ['scan', '--max-file-size', 'big'], /--max-file-size expects a number of bytes/],
      ['a missing option value', ['scan', '--format'], /--format/],
      ['an unknown command', ['scna'], /unknown command 'scna'/],
    ];
    for (const [name, args, message] of cases) {
      it(name, () => {
        const run = runCli(cli, args, tree);
        assert.equal(run.code, 2);
        assert.match(run.stderr, message);
        assert.match(run.stderr, /--help/);
        assert.equal(run.stdout, '');
      });
    }
  });

  it('prints help and the version', () => {
    const help = runCli(cli, ['--help'], tree);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: kusto-mi <command>/);
    assert.match(help.stdout, /scan/);
    const scanHelp = runCli(cli, ['help', 'scan'], tree);
    assert.equal(scanHelp.code, 0);
    assert.match(scanHelp.stdout, /--max-file-size/);
    assert.equal(runCli(cli, ['scan', '--help'], tree).stdout, scanHelp.stdout);
    const version = runCli(cli, ['--version'], tree);
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    assert.deepEqual([version.code, version.stdout.trim()], [0, pkg.version]);
  });

  it('--fix rewrites the fixable findings in place and reports what it changed', () => {
    const copy = copyFixtureTree(root);
    try {
      const run = runCli(cli, ['scan', '--fix', '--format', 'json'], copy);
      const fixable = expected.filter((e) => e.fixable);
      const fixedLines = run.stderr.split('\n').filter((l) => l.startsWith('fixed '));
      assert.deepEqual(fixedLines.map((l) => l.split(': ')[0]), fixable.map((e) => `fixed ${e.file}:${e.line}:${e.column}`));
      assert.ok(fixedLines.every((l) => l.endsWith("Use the cluster's system-assigned managed identity")));
      // What is left is what no rewrite can fix; the exit code says something remains.
      assert.equal(run.code, 1);
      assert.deepEqual((JSON.parse(run.stdout) as Array<{ file: string; line: number }>).map((r) => `${r.file}:${r.line}`),
        expected.filter((e) => !e.fixable).map((e) => `${e.file}:${e.line}`));
      const cs = fs.readFileSync(path.join(copy, 'src', 'Ingest.cs'), 'utf8');
      assert.match(cs, /"https:\/\/contosodata\.blob\.core\.windows\.net\/exports\/2024\/orders\.csv\.gz;managed_identity=system";/);
      const kql = fs.readFileSync(path.join(copy, 'queries', 'ingest.kql'), 'utf8');
      assert.match(kql, /\(h@'abfss:\/\/raw@contosodata\.dfs\.core\.windows\.net\/events;managed_identity=system'\)/);
      const flows = fs.readFileSync(path.join(copy, 'queries', 'flows.kql'), 'utf8');
      assert.match(flows, /h@'abfss:\/\/raw@contosodata\.dfs\.core\.windows\.net\/events;managed_identity=system'/);
      assert.match(flows, /h'Authentication="Active Directory Managed Identity";',\n/);
      assert.doesNotMatch(flows, /User ID=loader|FakeSqlPassw0rd|AccountKey=Fake|;token=eyJ|sharedkey=/);
      assert.equal(fs.readFileSync(path.join(copy, '.env'), 'utf8').split('\n')[1], 'INGEST_BLOB=https://contosodata.blob.core.windows.net/exports/orders.csv;managed_identity=system');
      // Ignored and binary files are never touched.
      assert.deepEqual(fs.readFileSync(path.join(copy, 'assets', 'logo.bin')), fs.readFileSync(path.join(root, 'test', 'fixtures', 'scan', 'tree', 'assets', 'logo.bin')));
      assert.match(fs.readFileSync(path.join(copy, 'ignored', 'secret.txt'), 'utf8'), /sig=/);
      // A second run finds only the unfixable ones and changes nothing.
      const again = runCli(cli, ['scan', '--fix', '--format', 'json'], copy);
      assert.equal((JSON.parse(again.stdout) as unknown[]).length, expected.filter((e) => !e.fixable).length);
      assert.ok(!again.stderr.includes('fixed '));
      assertNoSecret(run.stdout + run.stderr + again.stdout + again.stderr);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});
