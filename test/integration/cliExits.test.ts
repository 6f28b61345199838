// "Nothing hangs": `kusto-mi policies` and `kusto-mi check` exit within
// --timeout (plus a small grace) whatever the cluster does, including never
// answering the auth-metadata request that azure-kusto-data sends first.
// The process is run as a child: what is tested is that it exits.
import assert from 'node:assert/strict';
import { demoArmState, startArmServer, type ArmTestServer } from '../servers/arm';
import { startKustoServer, type KustoTestServer } from '../servers/kusto';
import { cliPath, runCliAsync } from '../support/cli';

const KUSTO_TOKEN = 'exit-kusto-token-5e4d3c2b1a09f8e7-secret';
const ARM_TOKEN = 'exit-arm-token-0f1e2d3c4b5a6978-secret';
const RESOURCE_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Kusto/Clusters/demo';
/** --timeout 1: the process must be gone well before the harness would kill it. */
const LIMIT_MS = 8_000;

describe('cli: nothing hangs', () => {
  let kusto: KustoTestServer;
  let arm: ArmTestServer;
  let cli: string;
  const env = { KUSTO_ACCESS_TOKEN: KUSTO_TOKEN, ARM_ACCESS_TOKEN: ARM_TOKEN };

  async function timed(args: readonly string[]) {
    const started = Date.now();
    const r = await runCliAsync(cli, args, env, 30_000);
    return { ...r, ms: Date.now() - started };
  }

  before(function () {
    this.timeout(90_000);
    cli = cliPath();
  });
  beforeEach(async () => {
    kusto = await startKustoServer();
    arm = await startArmServer({ state: demoArmState(kusto.url) });
  });
  afterEach(async () => {
    await arm.close();
    await kusto.close();
  });

  it('policies: the auth-metadata request never answered, the process exits with the error', async function () {
    this.timeout(40_000);
    kusto.faults.hangNext({ endpoints: ['metadata'], count: Infinity });
    const r = await timed(['policies', kusto.url, '--auth', 'env', '--timeout', '1']);
    assert.ok(r.ms < LIMIT_MS, `exited after ${r.ms} ms (code ${r.code})`);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /did not answer within 1 s/);
    assert.ok(!r.stderr.includes(KUSTO_TOKEN));
  });

  it('policies: every command hangs, the process exits with the error', async function () {
    this.timeout(40_000);
    kusto.faults.hangNext({ count: Infinity });
    const r = await timed(['policies', kusto.url, '--auth', 'env', '--timeout', '1']);
    assert.ok(r.ms < LIMIT_MS, `exited after ${r.ms} ms (code ${r.code})`);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /did not answer within 1 s/);
  });

  for (const [name, inject] of [['never answers', (a: ArmTestServer) => a.faults.hangNext({ count: Infinity })],
    ['resets every answer half-way', (a: ArmTestServer) => a.faults.resetMidBodyNext({ count: Infinity })]] as const) {
    it(`check: Azure Resource Manager ${name}, the process exits`, async function () {
      this.timeout(40_000);
      inject(arm);
      const r = await timed(['check', '--cluster', kusto.url, '--database', 'Telemetry',
        '--blob', 'https://contosodata.blob.core.windows.net/returns/returns.csv;managed_identity=system',
        '--auth', 'env', '--arm-endpoint', arm.url, '--timeout', '1']);
      assert.ok(r.ms < LIMIT_MS, `exited after ${r.ms} ms (code ${r.code})`);
      assert.equal(r.code, 1, r.stderr);
      assert.ok(!r.stdout.includes(ARM_TOKEN) && !r.stderr.includes(ARM_TOKEN));
    });
  }

  it('check: the auth-metadata request never answered, the process exits', async function () {
    this.timeout(40_000);
    kusto.faults.hangNext({ endpoints: ['metadata'], count: Infinity });
    const r = await timed(['check', '--cluster', kusto.url, '--database', 'Telemetry', '--resource-id', RESOURCE_ID,
      '--blob', 'https://contosodata.blob.core.windows.net/returns/returns.csv;managed_identity=system',
      '--auth', 'env', '--arm-endpoint', arm.url, '--timeout', '1']);
    assert.ok(r.ms < LIMIT_MS, `exited after ${r.ms} ms (code ${r.code})`);
    assert.equal(r.code, 1, r.stderr);
  });
});
