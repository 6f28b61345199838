// Policies as code against the local Kusto server: `kusto-mi policies
// --format kql` writes a script that recreates every policy on a fresh
// cluster (byte-identical export afterwards), and `--diff` reports drift with
// exit code 1, a match with 0, an unreadable file with 2.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ManagedIdentityPolicyClient } from '../../src/clients/kusto/kustoClient';
import { parsePolicyScript } from '../../src/core/policyAsCode/parseScript';
import { planPolicyScript } from '../../src/core/policyAsCode/plan';
import { StaticCredential } from './helpers';
import { DEMO_IDS, demoClusterState, startKustoServer, type ClusterState, type KustoTestServer } from '../servers/kusto';
import { cliPath, runCliAsync, type CliRun } from '../support/cli';

const TOKEN = 'policy-script-token-5d2c9e1f7a3b';

/** The demo cluster plus a database whose name needs quoting. */
function seeded(): ClusterState {
  const state = demoClusterState();
  return {
    ...state,
    databases: [...state.databases, {
      name: "Team's [raw] data", tables: [],
      policy: [{ ...state.databases[0].policy![0], AllowedUsages: 'NativeIngestion, ExternalTable' }],
    }],
  };
}

/** The same cluster (same identities, same databases) with no policy anywhere. */
function fresh(): ClusterState {
  const state = seeded();
  return { ...state, clusterPolicy: null, databases: state.databases.map((d) => ({ ...d, policy: null })) };
}

describe('policies as code: export, round trip and drift check', () => {
  let source: KustoTestServer;
  let target: KustoTestServer;
  let cli: string;
  let dir: string;
  const run = (args: readonly string[]): Promise<CliRun> => runCliAsync(cli, ['policies', ...args, '--auth', 'env'], { KUSTO_ACCESS_TOKEN: TOKEN }, 20_000);

  before(function () {
    this.timeout(60_000);
    cli = cliPath();
  });
  beforeEach(async () => {
    source = await startKustoServer({ seed: seeded() });
    target = await startKustoServer({ seed: fresh() });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kusto-mi-policies-'));
  });
  afterEach(async () => {
    await source.close();
    await target.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('--format kql: one .alter per policy with its JSON, a commented .delete where there is none, names quoted', async () => {
    const r = await run([source.url, '--format', 'kql']);
    assert.equal(r.code, 0, r.stderr);
    const script = r.stdout;
    assert.ok(script.includes(`// Cluster: ${source.url}\n`));
    assert.ok(script.includes([
      `// ${DEMO_IDS.ingestPrincipalId}: ingest-mi`,
      '.alter cluster policy managed_identity ```',
      '[',
      '  {',
      `    "ObjectId": "${DEMO_IDS.ingestPrincipalId}",`,
      '    "AllowedUsages": "NativeIngestion"',
      '  }',
      ']',
      '```',
    ].join('\n')), script);
    assert.match(script, /\/\/ Database \['Staging'\] has no managed_identity policy[^\n]*\n\.delete database \['Staging'\] policy managed_identity\n/);
    assert.ok(script.includes(".alter database ['Team\\'s [raw] data'] policy managed_identity ```"), script);
    assert.ok(script.includes('"AllowedUsages": "ExportRequest, ExternalTable"'));
    // Ordinal name order, cluster first.
    const order = [...script.matchAll(/^\.(?:alter|delete) (cluster|database \['(?:[^'\\]|\\.)*'\])/gm)].map((m) => m[1]);
    assert.deepEqual(order, ['cluster', "database ['Ops-Archive']", "database ['Sales']", "database ['Staging']",
      "database ['Team\\'s [raw] data']", "database ['Telemetry']"]);
    assert.ok(!script.includes(TOKEN));
    // Deterministic: a second export is byte-identical.
    assert.equal((await run([source.url, '--format', 'kql'])).stdout, script);
  });

  it('round trip: the script run on a fresh cluster gives the same policies (same export, no drift)', async () => {
    const exported = (await run([source.url, '--format', 'kql'])).stdout;
    const file = path.join(dir, 'policies.kql');
    fs.writeFileSync(file, exported);

    const drift = await run([target.url, '--diff', file]);
    assert.equal(drift.code, 1, drift.stderr);
    assert.match(drift.stdout, /^cluster policy$/m);
    assert.match(drift.stdout, new RegExp(`^  \\+ ${DEMO_IDS.ingestPrincipalId}: NativeIngestion  \\(file\\)$`, 'm'));
    assert.doesNotMatch(drift.stdout, /Staging/, 'a database without a policy on both sides is no difference');

    // Run the script's commands, as written, on the fresh cluster through the real client.
    const client = new ManagedIdentityPolicyClient(target.url, new StaticCredential(), { timeoutMs: 10_000 });
    try {
      const parsed = parsePolicyScript(exported);
      assert.deepEqual(parsed.problems, []);
      for (const s of parsed.statements) {
        if (s.kind === 'delete') await client.deletePolicy(s.target);
        else await client.alterPolicy(s.target, s.entries);
      }
    } finally {
      client.dispose();
    }
    const again = (await run([target.url, '--format', 'kql'])).stdout;
    assert.equal(again.replaceAll(target.url, 'URL'), exported.replaceAll(source.url, 'URL'));
    const none = await run([target.url, '--diff', file]);
    assert.equal(none.code, 0, none.stderr);
    assert.match(none.stdout, /match/);
  });

  it('--diff: a hand-edited usage is the only difference, and the plan runs only that command', async () => {
    const exported = (await run([source.url, '--format', 'kql'])).stdout;
    const edited = exported.replace('"AllowedUsages": "ExportRequest, ExternalTable"', '"AllowedUsages": "ExportRequest"');
    assert.notEqual(edited, exported);
    const file = path.join(dir, 'edited.kql');
    fs.writeFileSync(file, edited);
    const r = await run([source.url, '--diff', file]);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout.split('\n').filter((l) => l.startsWith('database') || l.startsWith('cluster')).join('\n'), "database ['Ops-Archive'] policy");
    assert.match(r.stdout, new RegExp(`- ${DEMO_IDS.exportPrincipalId}: ExportRequest, ExternalTable  \\(cluster\\)`));
    assert.match(r.stdout, new RegExp(`\\+ ${DEMO_IDS.exportPrincipalId}: ExportRequest  \\(file\\)`));

    const live = {
      cluster: null,
      databases: seeded().databases.map((d) => ({ name: d.name, policy: null })),
    };
    // Sanity of the plan on its own: from nothing, every .alter has an effect and no .delete does.
    const plan = planPolicyScript(live, parsePolicyScript(edited).statements);
    assert.deepEqual(plan.steps.map((s) => s.statement.kind), ['alter', 'alter', 'alter', 'alter', 'alter']);
  });

  it('--diff: a file whose JSON is broken is a usage error with the line, and nothing is compared', async () => {
    const file = path.join(dir, 'broken.kql');
    fs.writeFileSync(file, '// hand-written\n.alter database [\'Sales\'] policy managed_identity ```\n[ { "ObjectId": "system" "AllowedUsages": "ExternalTable" } ]\n```\n');
    const r = await run([source.url, '--diff', file]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /broken\.kql:3: The JSON of the policy of database 'Sales' is not valid: CommaExpected/);
  });
});
