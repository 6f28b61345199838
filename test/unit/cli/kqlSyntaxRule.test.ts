// `scan` reports what Kusto's parser rejects in .kql/.csl/.kusto files as rule
// kql-syntax, one finding per error at its line and column, with the KS code.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliPath, repoRoot, runCli } from './cliHarness';

describe('cli scan: kql-syntax', function () {
  this.timeout(60_000);
  const cli = cliPath(repoRoot());
  let tree: string;

  before(() => {
    tree = fs.mkdtempSync(path.join(os.tmpdir(), 'kusto-mi-kql-'));
    fs.writeFileSync(path.join(tree, 'policy.kql'),
      'StormEvents\n| take 10\n\n.alter-merge database Sales polcy managed_identity "[]"\n');
    // Unknown table names are not errors without a schema.
    fs.writeFileSync(path.join(tree, 'ok.csl'), 'StormEvents | where State == "TEXAS" | count\n\n.show database Sales policy managed_identity\n');
    // Documentation templates: the placeholders are to be filled in, not syntax errors.
    fs.writeFileSync(path.join(tree, 'template.kql'),
      '<TableName>\n| where Timestamp > ago(1d)\n\n.create table <TableName> (a:string)\n\n'
      + ".ingest into table T (h'https://acct.blob.core.windows.net/c/f.csv;managed_identity=<object-id>')\n\nT | where a<b and c > 1\n");
    // Not a KQL file: never parsed.
    fs.writeFileSync(path.join(tree, 'notes.txt'), 'StormEvents | where\n');
  });
  after(() => fs.rmSync(tree, { recursive: true, force: true }));

  it('reports each syntax error at its line and column, in JSON and SARIF', () => {
    const json = runCli(cli, ['scan', '.', '--format', 'json'], tree);
    assert.equal(json.code, 1, json.stderr);
    const findings = JSON.parse(json.stdout) as { file: string; line: number; column: number; ruleId: string; message: string }[];
    assert.deepEqual(findings.map((f) => [f.file, f.line, f.column, f.ruleId]), [['policy.kql', 4, 29, 'kql-syntax']]);
    assert.match(findings[0].message, /^KS\d+: .*policy/);

    const sarif = JSON.parse(runCli(cli, ['scan', '.', '--format', 'sarif'], tree).stdout);
    const run = sarif.runs[0];
    assert.ok(run.tool.driver.rules.some((r: { id: string }) => r.id === 'kql-syntax'));
    assert.deepEqual(run.results.map((r: { ruleId: string; locations: { physicalLocation: { region: { startLine: number; startColumn: number } } }[] }) =>
      [r.ruleId, r.locations[0].physicalLocation.region.startLine, r.locations[0].physicalLocation.region.startColumn]), [['kql-syntax', 4, 29]]);
  });

  it('exits 0 on KQL that parses', () => {
    const ok = runCli(cli, ['scan', 'ok.csl', '--format', 'text'], tree);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  });

  it('stays quiet on blocks holding a documentation placeholder such as <TableName>', () => {
    const run = runCli(cli, ['scan', 'template.kql', '--format', 'json'], tree);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), []);
  });

  it('--no-kql-syntax skips the parser: the same tree is clean', () => {
    const skipped = runCli(cli, ['scan', '.', '--format', 'json', '--no-kql-syntax'], tree);
    assert.equal(skipped.code, 0, skipped.stdout + skipped.stderr);
    assert.deepEqual(JSON.parse(skipped.stdout), []);
  });
});
