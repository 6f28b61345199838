// `kusto-mi check` as a child process against the local Kusto and ARM servers:
// exit codes (0 ready, 1 not, 2 usage), the text and JSON output, --source,
// cluster discovery by URI, and no token or SAS signature in the output.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { demoArmState, startArmServer, type ArmTestServer } from '../servers/arm';
import { DEMO_IDS, DEMO_RESOURCE_GROUP, DEMO_SUBSCRIPTION_ID, startKustoServer, type KustoTestServer } from '../servers/kusto';
import { cliPath, runCliAsync, type CliRun as Run } from '../support/cli';

const KUSTO_TOKEN = 'check-kusto-token-4f1e2d3c5b6a7980-secret';
const ARM_TOKEN = 'check-arm-token-0a9b8c7d6e5f4321-secret';
const RESOURCE_ID = `/subscriptions/${DEMO_SUBSCRIPTION_ID}/resourceGroups/${DEMO_RESOURCE_GROUP}/providers/Microsoft.Kusto/Clusters/demo`;
const BLOB = 'https://contosodata.blob.core.windows.net/returns/returns.csv;managed_identity=system';
const SAS = 'https://contosodata.blob.core.windows.net/orders/o.csv?sv=2022-11-02&sp=r&se=2027-01-01T00:00:00Z&sig=CliFakeSignatureOnlyForTests0987654321abc%3D';

interface JsonReport {
  blobUri: string;
  clusterUrl: string;
  database: string;
  identity: { ref: string; objectId?: string; label: string; source: string };
  steps: { id: string; title: string; verdict: string; summary: string; evidence: { label: string; value: string }[]; fix?: { kind: string }; reason?: string; usage: string }[];
  usage: string;
  access: string;
  ready: boolean;
  checkedAt: string;
}

describe('cli: kusto-mi check', () => {
  let kusto: KustoTestServer;
  let arm: ArmTestServer;
  let cli: string;
  let dir: string;

  const env = { KUSTO_ACCESS_TOKEN: KUSTO_TOKEN, ARM_ACCESS_TOKEN: ARM_TOKEN };
  /** Async: the server answers from this process, so the child must not block it. */
  const run = (args: readonly string[], extraEnv: Record<string, string | undefined> = env): Promise<Run> => runCliAsync(cli, args, extraEnv, 30_000);
  const check = (args: readonly string[], extraEnv?: Record<string, string | undefined>) => run(['check', ...args], extraEnv);
  const common = () => ['--cluster', kusto.url, '--auth', 'env', '--arm-endpoint', arm.url];
  function assertNoSecrets(r: Run): void {
    for (const secret of [KUSTO_TOKEN, ARM_TOKEN, 'CliFakeSignature']) {
      assert.ok(!r.stdout.includes(secret) && !r.stderr.includes(secret), `${secret} is printed`);
    }
  }

  before(async function () {
    this.timeout(90_000);
    cli = cliPath();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kusto-mi-check-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  beforeEach(async () => {
    kusto = await startKustoServer();
    arm = await startArmServer({ state: demoArmState(kusto.url) });
  });
  afterEach(async () => {
    await arm.close();
    await kusto.close();
  });

  it('every step passes: exit 0, one ✔ line per step, the cluster found by its URI', async function () {
    this.timeout(30_000);
    const source = path.join(dir, 'Ingest.cs');
    fs.writeFileSync(source, [
      `class C { const string ReturnsBlob = "${BLOB}";`,
      '  async Task Run(IKustoQueuedIngestClient client, KustoIngestionProperties props) {',
      '    await client.IngestFromStorageAsync(ReturnsBlob, props, new StorageSourceOptions { Size = 2048 }); } }',
    ].join('\n'));
    const r = await check([...common(), '--database', 'Telemetry', '--blob', BLOB, '--source', source]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const lines = r.stdout.split('\n');
    assert.deepEqual(lines.filter((l) => /^[✔✖?] \d\./.test(l)).map((l) => l.slice(0, 4)), ['✔ 1.', '✔ 2.', '✔ 3.', '✔ 4.', '✔ 5.', '✔ 6.', '✔ 7.']);
    assert.match(r.stdout, /^Usage {5}NativeIngestion \(reads storage\)$/m);
    assert.match(r.stdout, /^✔ 4\. Identity may read the blob \(Azure RBAC\): Storage Blob Data Reader on storage account contosodata lets the system-assigned identity/m);
    assert.match(r.stdout, /^Ready: every check passed\.$/m);
    assert.ok(arm.requests.some((q) => q.endpoint === 'clusters'), 'the cluster is discovered without --resource-id');
    assert.ok(arm.requests.every((q) => q.token === ARM_TOKEN));
    assert.ok(kusto.requests.filter((q) => q.endpoint === 'mgmt').every((q) => q.token === KUSTO_TOKEN));
    assertNoSecrets(r);
  });

  it('a failure: exit 1, and the JSON report\'s shape', async () => {
    const r = await check([...common(), '--database', 'Ops-Archive', '--blob', `https://contosodata.blob.core.windows.net/returns/r.csv;managed_identity=${DEMO_IDS.exportPrincipalId}`,
      '--resource-id', RESOURCE_ID, '--format', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.deepEqual(Object.keys(report).sort(), ['access', 'blobUri', 'checkedAt', 'clusterUrl', 'database', 'identity', 'ready', 'steps', 'usage']);
    assert.equal(report.ready, false);
    assert.equal(report.clusterUrl, kusto.url);
    assert.deepEqual(report.identity, { ref: DEMO_IDS.exportPrincipalId, objectId: DEMO_IDS.exportPrincipalId, label: `export-mi (${DEMO_IDS.exportPrincipalId})`, source: 'uri' });
    assert.deepEqual(report.steps.map((s) => [s.id, s.verdict]), [['uri', 'pass'], ['identity', 'pass'], ['policy', 'fail'], ['role', 'fail'], ['size', 'unknown'], ['network', 'pass']]);
    for (const s of report.steps) {
      assert.equal(s.usage, 'NativeIngestion', 'each step names the usage beside its verdict');
      assert.equal(typeof s.title, 'string');
      assert.equal(typeof s.summary, 'string');
      assert.ok(Array.isArray(s.evidence));
    }
    assert.equal(report.steps[2].fix?.kind, 'grantUsage');
    assert.equal(report.steps[3].fix?.kind, 'assignRole');
    assert.match(report.steps[3].summary, /Owner and Contributor are not enough/);
    assert.match(report.steps[4].reason ?? '', /No source file given/);
    assert.ok(!arm.requests.some((q) => q.endpoint === 'clusters'), '--resource-id skips discovery');
  });

  it('--usage names the flow: the policy step checks it, the role step asks for write, and the JSON carries it', async () => {
    const r = await check([...common(), '--database', 'Telemetry', '--blob', BLOB, '--resource-id', RESOURCE_ID, '--usage', 'exportrequest', '--format', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.equal(report.usage, 'ExportRequest');
    assert.equal(report.access, 'write');
    assert.ok(report.steps.every((s) => s.usage === 'ExportRequest'));
    const policy = report.steps.find((s) => s.id === 'policy')!;
    assert.equal(policy.title, 'managed_identity policy allows ExportRequest');
    assert.equal(policy.verdict, 'fail');
    const role = report.steps.find((s) => s.id === 'role')!;
    assert.equal(role.verdict, 'fail', 'Storage Blob Data Reader cannot write');
    assert.match(role.summary, /write blobs in storage account contosodata/);
    assert.equal((role.fix as { roleName?: string } | undefined)?.roleName, 'Storage Blob Data Contributor');
    assert.equal(report.steps.find((s) => s.id === 'size')!.verdict, 'pass');
  });

  it('without --usage the command in --source decides; a bad --usage exits 2', async () => {
    const kql = path.join(dir, 'export.kql');
    fs.writeFileSync(kql, `// nightly\n.export async to csv (h@"${BLOB}") <| Events | take 10\n`);
    const r = await check([...common(), '--database', 'Telemetry', '--blob', BLOB, '--resource-id', RESOURCE_ID, '--source', kql, '--format', 'json']);
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.equal(report.usage, 'ExportRequest');
    const bad = await check([...common(), '--database', 'Telemetry', '--blob', BLOB, '--usage', 'Ingestion']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--usage must be one of .*NativeIngestion/);
  });

  it('a --source written as UTF-16 (PowerShell 5) is decoded as scan decodes it: its command decides the usage', async () => {
    for (const [name, bom, encode] of [
      ['export-utf16le.kql', [0xff, 0xfe], (t: string) => Buffer.from(t, 'utf16le')],
      ['export-utf16be.kql', [0xfe, 0xff], (t: string) => Buffer.from(t, 'utf16le').swap16()],
    ] as const) {
      const kql = path.join(dir, name);
      fs.writeFileSync(kql, Buffer.concat([Buffer.from(bom), encode(`.export async to csv (h@"${BLOB}") <| Events | take 10\r\n`)]));
      const r = await check([...common(), '--database', 'Telemetry', '--blob', BLOB, '--resource-id', RESOURCE_ID, '--source', kql, '--format', 'json']);
      const report = JSON.parse(r.stdout) as JsonReport;
      assert.equal(report.usage, 'ExportRequest', name);
    }
  });

  it('a storage firewall that shuts the cluster out fails with the exact change', async () => {
    const account = arm.state.subscriptions[0].storageAccounts![0];
    account.networkAcls = { defaultAction: 'Deny', bypass: 'Logging', ipRules: ['203.0.113.0/24'] };
    const r = await check([...common(), '--database', 'Telemetry', '--blob', BLOB, '--resource-id', RESOURCE_ID]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^✖ 6\. Storage firewall lets the cluster in: Storage account contosodata denies public traffic by default/m);
    assert.match(r.stdout, /^ {6}ARM: properties\.networkAcls\.resourceAccessRules \+= \{ "tenantId": "[0-9a-f-]+", "resourceId": "\/subscriptions\/.*\/Clusters\/demo" \}, or properties\.networkAcls\.bypass = "Logging, AzureServices"$/m);
    assert.match(r.stdout, /^ {6}az: az storage account network-rule add --resource-group rg-kusto-demo --account-name contosodata --resource-id /m);
  });

  it('text: ✖ and ? lines with the fix and the reason; a SAS URI never prints its signature', async () => {
    const r = await check([...common(), '--database', 'Sales', '--blob', SAS, '--identity', 'system']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^✖ 1\. Blob URI names a managed identity: The URI carries a SAS token/m);
    assert.match(r.stdout, /^ {4}fix: Rewrite the URI to ;managed_identity=system: https:\/\/contosodata\.blob\.core\.windows\.net\/orders\/o\.csv;managed_identity=system$/m);
    assert.match(r.stdout, /^✖ 3\. .*\n {4}fix: Allow NativeIngestion on database 'Sales': \.alter-merge database \['Sales'\]/m);
    assert.match(r.stdout, /^\? 5\. .*\n {4}why: /m);
    assert.match(r.stdout, /^Blob {6}https:\/\/contosodata\.blob\.core\.windows\.net\/orders\/o\.csv\?sv=.*sig=\*\*\*$/m);
    assertNoSecrets(r);
  });

  it('without ARM_ACCESS_TOKEN the ARM steps are unknown, not passed', async () => {
    const r = await check([...common(), '--database', 'Telemetry', '--blob', BLOB], { KUSTO_ACCESS_TOKEN: KUSTO_TOKEN });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^\? 2\. .*\n {4}why: ARM_ACCESS_TOKEN is not set/m);
    assert.match(r.stdout, /^\? 4\./m);
    assert.match(r.stdout, /^✔ 3\./m);
  });

  it('usage errors exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['--database', 'Telemetry', '--blob', BLOB, '--auth', 'env'], /--cluster is required/],
      [[...common(), '--blob', BLOB], /--database is required/],
      [[...common(), '--database', 'X', '--blob', 'https://example.com/f.csv'], /not an Azure Storage blob/],
      [[...common(), '--database', 'X', '--blob', BLOB, '--identity', 'ingest-mi'], /--identity must be "system" or an object id/],
      [[...common(), '--database', 'X', '--blob', BLOB, '--format', 'xml'], /--format must be text or json/],
      [[...common(), '--database', 'X', '--blob', BLOB, '--source', path.join(dir, 'missing.cs')], /cannot read --source/],
      [['--cluster', kusto.url, '--database', 'X', '--blob', BLOB, '--arm-endpoint', 'http://management.example.com'], /invalid --arm-endpoint/],
    ];
    for (const [args, message] of cases) {
      const r = await check(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, message);
    }
    const none = await run([]);
    assert.equal(none.code, 2, 'no command given');
  });

  it('--help prints the usage; the command is listed in the overview', async () => {
    const help = await run(['check', '--help'], {});
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: kusto-mi check --cluster <url> --database <name> --blob <uri>/);
    const overview = await run(['--help'], {});
    assert.match(overview.stdout, /^ {2}check +Check that a blob can be ingested with a managed identity/m);
  });
});
