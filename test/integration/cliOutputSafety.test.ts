// `kusto-mi policies` against the local Kusto server when the server's text is
// hostile: database and identity names with ANSI escapes and control
// characters are printed escaped, in the table, the JSON and the error lines.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { demoClusterState, startKustoServer, type KustoTestServer } from '../servers/kusto';
import { cliPath, runCliAsync } from '../support/cli';

const TOKEN = 'cli-env-token-3c9d1e7a5b2f4e60-secret';
const EVIL = 'Evil\u001b[2J\u001b[31m\u009b1m\u202eDb\r';
const TERMINAL_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/; // eslint-disable-line no-control-regex -- what the test looks for

describe('cli: kusto-mi policies prints server text safely', () => {
  let server: KustoTestServer;
  let cli: string;

  before(() => {
    cli = cliPath();
  });
  afterEach(async () => {
    await server.close();
  });

  it('escapes an identity name holding ANSI escapes, in the table and the JSON', async () => {
    const seed = demoClusterState();
    seed.databases[0].policy = [{ ...seed.databases[0].policy![0], DisplayName: EVIL }];
    server = await startKustoServer({ seed });
    const table = await runCliAsync(cli, ['policies', server.url, '--auth', 'env'], { KUSTO_ACCESS_TOKEN: TOKEN });
    assert.equal(table.code, 0, table.stderr);
    assert.doesNotMatch(table.stdout, TERMINAL_CONTROL);
    assert.match(table.stdout, /Evil\\e\[2J\\e\[31m\\x9b1m\\u202eDb\\r/);
    const json = await runCliAsync(cli, ['policies', server.url, '--auth', 'env', '--format', 'json'], { KUSTO_ACCESS_TOKEN: TOKEN });
    assert.doesNotMatch(json.stdout, TERMINAL_CONTROL);
    const policy = (JSON.parse(json.stdout) as { databases: { policy: { DisplayName: string }[] }[] }).databases[0].policy;
    assert.equal(policy[0].DisplayName, EVIL, 'the JSON value is unchanged');
  });

  it('a database whose name holds control characters: the error names it, escaped, exit 1', async () => {
    const seed = demoClusterState();
    seed.databases.push({ name: EVIL, tables: [], policy: null });
    server = await startKustoServer({ seed });
    const r = await runCliAsync(cli, ['policies', server.url, '--auth', 'env'], { KUSTO_ACCESS_TOKEN: TOKEN });
    assert.equal(r.code, 1);
    assert.doesNotMatch(r.stdout + r.stderr, TERMINAL_CONTROL);
    assert.match(r.stderr, /database 'Evil\\e\[2J\\e\[31m\\x9b1m\\u202eDb\\r'/);
    assert.match(r.stdout, /Evil\\e\[2J/);
  });

  it('--diff prints a hostile object id from the server escaped, exit 1', async () => {
    const seed = demoClusterState();
    const db = seed.databases.find((d) => d.policy && d.policy.length > 0)!;
    db.policy = [{ ...db.policy![0], ObjectId: EVIL }];
    server = await startKustoServer({ seed });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kusto-mi-diff-'));
    try {
      const file = path.join(dir, 'policies.kql');
      fs.writeFileSync(file, `.delete database ['${db.name}'] policy managed_identity\n`);
      const r = await runCliAsync(cli, ['policies', server.url, '--auth', 'env', '--diff', file], { KUSTO_ACCESS_TOKEN: TOKEN });
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stdout, /differ/);
      assert.doesNotMatch(r.stdout + r.stderr, TERMINAL_CONTROL);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
