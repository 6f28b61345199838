// `kusto-mi policies` as a child process against the local Kusto server:
// JSON and table output, one failing database, usage errors, exit codes, and
// the token never printed.
import assert from 'node:assert/strict';
import { DEMO_IDS, startKustoServer, type KustoTestServer } from '../servers/kusto';
import { cliPath, runCliAsync, type CliRun as Run } from '../support/cli';

const TOKEN = 'cli-env-token-7b1e4c2d9a3f5e60-secret';

describe('cli: kusto-mi policies', () => {
  let server: KustoTestServer;
  let cli: string;

  /** Async: the server answers from this process, so the child must not block it. */
  const run = (args: readonly string[], env: Record<string, string | undefined> = { KUSTO_ACCESS_TOKEN: TOKEN }): Promise<Run> => runCliAsync(cli, args, env, 20_000);

  function assertNoToken(r: Run): void {
    assert.ok(!r.stdout.includes(TOKEN) && !r.stderr.includes(TOKEN), 'the token is printed');
  }

  before(async function () {
    this.timeout(60_000);
    cli = cliPath();
  });
  beforeEach(async () => {
    server = await startKustoServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('--format json: cluster, identities, the cluster policy and every database, with the service\'s field names', async () => {
    const r = await run(['policies', server.url, '--auth', 'env', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout) as {
      cluster: string;
      identities: { ObjectId: string; DisplayName?: string; IsSystem?: boolean }[];
      clusterPolicy: Record<string, unknown>[];
      databases: { name: string; policy: Record<string, unknown>[] | null; error?: string }[];
    };
    assert.equal(json.cluster, server.url);
    assert.deepEqual(json.clusterPolicy, [{
      ObjectId: DEMO_IDS.ingestPrincipalId, ClientId: DEMO_IDS.ingestClientId, TenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      DisplayName: 'ingest-mi', IsSystem: false, AllowedUsages: 'NativeIngestion',
    }]);
    assert.deepEqual(json.databases.map((d) => d.name), ['Telemetry', 'Sales', 'Staging', 'Ops-Archive']);
    assert.deepEqual(json.databases[2], { name: 'Staging', policy: [] });
    assert.equal(json.databases[3].policy?.[0].AllowedUsages, 'ExportRequest, ExternalTable');
    assert.deepEqual(json.identities.map((i) => [i.ObjectId, i.IsSystem]).sort(), [
      [DEMO_IDS.ingestPrincipalId, false], [DEMO_IDS.systemPrincipalId, true], [DEMO_IDS.exportPrincipalId, false],
    ].sort());
    assert.ok(server.requests.filter((q) => q.endpoint === 'mgmt').every((q) => q.token === TOKEN));
    assertNoToken(r);
  });

  it('table (default): the NativeIngestion state of each database', async () => {
    const r = await run(['policies', server.url, '--auth', 'env']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Cluster http:\/\/127\.0\.0\.1:\d+$/m);
    assert.match(r.stdout, /^ {2}Telemetry +allowed +demo \(system-assigned\) +NativeIngestion$/m);
    assert.match(r.stdout, /^ {2}Sales +inherited +demo \(system-assigned\) +ExternalTable$/m);
    assert.match(r.stdout, /^ {2}Staging +inherited +\(no policy\)$/m);
    assert.match(r.stdout, /^ {2}ingest-mi +6a5820b9-fdf6-4cc4-81b9-b416b444fd6d +NativeIngestion$/m);
  });

  it('--database reads one database only', async () => {
    const r = await run(['policies', server.url, '--auth', 'env', '--format', 'json', '--database', 'Ops-Archive']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual((JSON.parse(r.stdout) as { databases: { name: string }[] }).databases.map((d) => d.name), ['Ops-Archive']);
    assert.ok(!server.requests.some((q) => q.csl === '.show databases'));
  });

  it('one database failing: the others are printed, the failure is in words, exit 1', async () => {
    server.faults.failNext(403, { match: /Sales/ });
    const r = await run(['policies', server.url, '--auth', 'env', '--format', 'json']);
    assert.equal(r.code, 1);
    const json = JSON.parse(r.stdout) as { databases: { name: string; policy: unknown; error?: string }[] };
    const sales = json.databases.find((d) => d.name === 'Sales')!;
    assert.equal(sales.policy, null);
    assert.match(sales.error ?? '', /database 'Sales'.*HTTP 403/);
    assert.equal(json.databases.filter((d) => d.error === undefined).length, 3);
    assert.match(r.stderr, /HTTP 403/);
    assertNoToken(r);
  });

  it('the cluster cannot be read: a message and exit 1, nothing on stdout', async () => {
    server.faults.failNext(401, { count: Infinity });
    const r = await run(['policies', server.url, '--auth', 'env']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /rejected the access token \(HTTP 401\)/);
    assertNoToken(r);
    await server.close();
    const refused = await run(['policies', server.url, '--auth', 'env']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /could not be reached/);
  });

  it('usage errors exit 2 with a hint', async () => {
    const cases: [string[], RegExp, Record<string, string>?][] = [
      [['policies'], /give the cluster URL/],
      [['policies', server.url, '--format', 'xml', '--auth', 'env'], /--format must be table, json or kql/],
      [['policies', server.url, '--auth', 'password'], /--auth must be default, azcli, devicecode or env/],
      [['policies', 'http://cluster.example.com', '--auth', 'env'], /invalid cluster URL/],
      [['policies', server.url, '--bogus'], /Unknown option/i],
      [['policies', server.url, '--auth', 'env'], /KUSTO_ACCESS_TOKEN is not set/, {}],
    ];
    for (const [args, pattern, env] of cases) {
      const r = await run(args, env);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, pattern);
      assert.match(r.stderr, /kusto-mi policies --help/);
    }
    const help = await run(['policies', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: kusto-mi policies <cluster-url>/);
  });
});
