// The policy script reader and planner on hand-written files: every literal
// form the docs show, .alter-merge and .delete, names that need quoting,
// comments and queries in between, and only effective commands planned.
import assert from 'node:assert/strict';
import { exportPolicyScript } from '../../../src/core/policyAsCode/exportScript';
import { parsePolicyScript } from '../../../src/core/policyAsCode/parseScript';
import { formatDifferences, planPolicyScript, policyDifferences } from '../../../src/core/policyAsCode/plan';
import type { ClusterPolicyState } from '../../../src/core/policyAsCode/state';

const SYS = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const ING = '6a5820b9-fdf6-4cc4-81b9-b416b444fd6d';

const live: ClusterPolicyState = {
  cluster: [{ ObjectId: ING, AllowedUsages: ['NativeIngestion'], DisplayName: 'ingest-mi' }],
  databases: [
    { name: 'Sales', policy: [{ ObjectId: SYS, IsSystem: true, AllowedUsages: ['ExternalTable'] }] },
    { name: "it's", policy: null },
  ],
};

describe('policyAsCode: reading a script', () => {
  it('reads .alter, .alter-merge and .delete in file order, skipping comments and queries', () => {
    const text = [
      '// .delete cluster policy managed_identity   (commented out: not a command)',
      'Events | take 10',
      '',
      `.alter-merge database Sales policy managed_identity "[ { 'ObjectId' : 'system', 'AllowedUsages' : 'NativeIngestion' } ]"`,
      '',
      ".delete database ['it\\'s'] policy managed_identity",
      '',
      `.alter cluster policy managed_identity '[{"ObjectId": "${ING}", "AllowedUsages": "NativeIngestion, ExternalTable"}]'`,
    ].join('\n');
    const parsed = parsePolicyScript(text);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.statements.map((s) => [s.kind, s.target.kind === 'cluster' ? 'cluster' : s.target.database, s.line]), [
      ['alter-merge', 'Sales', 4], ['delete', "it's", 6], ['alter', 'cluster', 8],
    ]);
    assert.deepEqual(parsed.statements[0].entries, [{ ObjectId: 'system', AllowedUsages: ['NativeIngestion'] }]);
    assert.deepEqual(parsed.statements[2].entries, [{ ObjectId: ING, AllowedUsages: ['NativeIngestion', 'ExternalTable'] }]);
  });

  it('plans only commands with an effect: `system` is the cluster\'s identity, a .delete of no policy is nothing', () => {
    const text = [
      `.alter-merge database Sales policy managed_identity "[ { 'ObjectId' : 'system', 'AllowedUsages' : 'ExternalTable' } ]"`,
      ".delete database ['it\\'s'] policy managed_identity",
      `.alter-merge cluster policy managed_identity "[ { 'ObjectId' : '${ING.toUpperCase()}', 'AllowedUsages' : 'ExternalTable' } ]"`,
    ].join('\n\n');
    const plan = planPolicyScript(live, parsePolicyScript(text).statements);
    assert.deepEqual(plan.steps.map((s) => s.command), [
      `.alter-merge cluster policy managed_identity "[ { 'ObjectId' : '${ING}', 'AllowedUsages' : 'ExternalTable' } ]"`,
    ]);
    const diff = formatDifferences(policyDifferences(live, plan.desired));
    assert.equal(diff, `cluster policy\n  - ${ING}: NativeIngestion  (cluster)\n  + ${ING}: ExternalTable, NativeIngestion  (file)\n`);
  });

  it('the export reads back as commands that recreate the same state, and a missing database is a problem', () => {
    const text = exportPolicyScript(live, { clusterUrl: 'https://c.kusto.windows.net' });
    const parsed = parsePolicyScript(text);
    assert.equal(parsed.clusterUrl, 'https://c.kusto.windows.net');
    assert.deepEqual(parsed.problems, []);
    const empty: ClusterPolicyState = { cluster: null, databases: live.databases.map((d) => ({ name: d.name, policy: null })) };
    const plan = planPolicyScript(empty, parsed.statements);
    assert.deepEqual(policyDifferences(live, plan.desired), []);
    assert.deepEqual(planPolicyScript({ cluster: null, databases: [] }, parsed.statements).problems.map((p) => p.message), [
      "Database ['Sales'] does not exist on the cluster.", "Database ['it\\'s'] does not exist on the cluster.",
    ]);
  });

  it('reports an unknown usage and an incomplete entry with their lines instead of guessing', () => {
    const parsed = parsePolicyScript([
      '.alter database Sales policy managed_identity ```',
      `[ { "ObjectId": "${ING}", "AllowedUsages": "NativeIngest" } ]`,
      '```',
      `.alter cluster policy managed_identity "[ { 'ObjectId' : '${ING}' } ]"`,
    ].join('\n'));
    assert.deepEqual(parsed.problems.map((p) => p.line), [2, 4]);
    assert.match(parsed.problems[0].message, /NativeIngest/);
  });
});
