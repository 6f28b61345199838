// Policies as code in a real VS Code, against the local Kusto servers:
// export a cluster's policies to a .kql file, apply that file to a fresh
// cluster (same policies afterwards), compare an edited file in the diff
// editor, and apply only the command that differs, through the modal
// confirmation (answered through the extension's test seam).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ApplyResult } from '../../src/commands/applyPolicies';
import type { CompareResult } from '../../src/commands/comparePolicies';
import type { TestingApi } from '../../src/extension';
import type { Prompts } from '../../src/ui/prompts';
import { DEMO_IDS, demoClusterState, startKustoServer, type ClusterState, type KustoTestServer } from '../servers/kusto';
import { closeAllEditors } from './support/diagnostics';
import { workspaceFile } from './support/extension';
import { connectToLocalCluster, resetKusto, type ConnectedCluster } from './support/servers';
import { withSetting } from './support/settings';

interface Asked {
  readonly message: string;
  readonly detail: string;
}

/** What a cluster allows, independent of spelling and order. */
function allowed(state: ClusterState): string {
  const norm = (p: ClusterState['clusterPolicy']) => (p ?? [])
    .map((e) => `${e.ObjectId.toLowerCase()}=${e.AllowedUsages.split(',').map((u) => u.trim()).sort().join('+')}`).sort().join(' ');
  return [`cluster: ${norm(state.clusterPolicy)}`, ...state.databases.map((d) => `${d.name}: ${norm(d.policy)}`)].join('\n');
}

describe('policies as code', function () {
  this.timeout(60_000);
  let connected: ConnectedCluster;
  let testing: TestingApi;
  let restorePrompts: (() => void) | undefined;
  const errors: string[] = [];
  const infos: string[] = [];
  const file = workspaceFile('kql/exported.managed_identity.kql');

  function answer(choice: string | undefined, asked: Asked[] = []): Asked[] {
    restorePrompts?.();
    const prompts: Partial<Prompts> = {
      saveAs: async () => file,
      confirm: async (message, detail) => {
        asked.push({ message, detail });
        return choice;
      },
      info: (m) => void infos.push(m),
      error: (m) => void errors.push(m),
    };
    restorePrompts = testing.setPrompts(prompts);
    return asked;
  }

  async function exportDemo(): Promise<string> {
    answer(undefined);
    const [node] = await testing.clusterTree.getChildren();
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('kustoMi.exportPolicies', node);
    assert.equal(written?.toString(), file.toString(), errors.join('\n'));
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
  }

  before(async () => {
    connected = await connectToLocalCluster();
    testing = connected.testing;
  });
  beforeEach(() => {
    resetKusto(connected.servers.kusto);
    errors.length = 0;
    infos.length = 0;
  });
  afterEach(async () => {
    restorePrompts?.();
    restorePrompts = undefined;
    const dirty = vscode.workspace.textDocuments.find((d) => d.uri.toString() === file.toString() && d.isDirty);
    if (dirty) {
      await vscode.window.showTextDocument(dirty);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await closeAllEditors();
    await vscode.workspace.fs.delete(file).then(undefined, () => undefined);
  });
  after(async () => {
    await connected.disconnect();
  });

  it('Export Policies as KQL writes every policy of the cluster node to the chosen file and opens it', async () => {
    const text = await exportDemo();
    assert.ok(text.startsWith(`// managed_identity policies of ${connected.servers.kusto.url}\n// Cluster: ${connected.servers.kusto.url}\n`), text);
    assert.deepEqual([...text.matchAll(/^\.(alter|delete) (cluster|database \['[^']+'\])/gm)].map((m) => `${m[1]} ${m[2]}`), [
      'alter cluster', "alter database ['Ops-Archive']", "alter database ['Sales']", "delete database ['Staging']", "alter database ['Telemetry']",
    ]);
    assert.ok(text.includes(`"ObjectId": "${DEMO_IDS.exportPrincipalId}",\n    "AllowedUsages": "ExportRequest, ExternalTable"`), text);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), file.toString());
  });

  it('round trip: applying the exported file to a fresh cluster gives it the same policies, then nothing differs', async () => {
    await exportDemo();
    const demo = demoClusterState();
    const empty: ClusterState = { ...demo, clusterPolicy: null, databases: demo.databases.map((d) => ({ ...d, policy: null })) };
    const fresh: KustoTestServer = await startKustoServer({ seed: empty });
    const restore = await withSetting('clusters', [{ url: fresh.url, name: 'fresh' }]);
    try {
      const asked = answer('Run');
      const result = await vscode.commands.executeCommand<ApplyResult | undefined>('kustoMi.applyPolicies', file);
      assert.deepEqual(errors, []);
      // Staging has no policy on either side: its .delete changes nothing and is not run.
      assert.deepEqual(result, { planned: 4, ran: 4, outcome: 'ran' });
      assert.equal(asked.length, 4);
      assert.ok(asked.every((a) => a.message.includes('on fresh')));
      assert.equal(allowed(fresh.state), allowed(demoClusterState()));
      const writes = fresh.requests.filter((r) => r.endpoint === 'mgmt' && /^\.(alter|delete)/.test(r.csl ?? '')).map((r) => r.csl);
      assert.deepEqual(writes, asked.map((a) => a.detail), 'the confirmation shows exactly the command that runs');

      const again = await vscode.commands.executeCommand<ApplyResult | undefined>('kustoMi.applyPolicies', file);
      assert.deepEqual(again, { planned: 0, ran: 0, outcome: 'unchanged' });
      assert.equal(asked.length, 4, 'nothing left to confirm');
    } finally {
      await restore();
      await fresh.close();
    }
  });

  it('Compare opens the diff editor (live ↔ file); Apply runs only the one command that differs', async () => {
    const text = await exportDemo();
    const editor = await vscode.window.showTextDocument(file);
    const from = '"AllowedUsages": "ExportRequest, ExternalTable"';
    const at = editor.document.getText().indexOf(from);
    assert.ok(at > 0, text);
    // Unsaved edits count: the editor's text is what is compared.
    await editor.edit((b) => b.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + from.length)), '"AllowedUsages": "ExportRequest"'));

    answer(undefined);
    const compared = await vscode.commands.executeCommand<CompareResult | undefined>('kustoMi.comparePolicies', file);
    assert.ok(compared, errors.join('\n'));
    assert.equal(compared.differences, 1);
    assert.equal(compared.commands, 1);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputTextDiff, `the active tab is ${tab?.label}`);
    assert.equal(tab.input.original.toString(), compared.live.toString());
    assert.equal(tab.input.modified.toString(), compared.file.toString());
    const left = (await vscode.workspace.openTextDocument(compared.live)).getText();
    const right = (await vscode.workspace.openTextDocument(compared.file)).getText();
    assert.equal(left, text, 'the live side is the cluster as the export writes it');
    assert.equal(right, text.replace(from, '"AllowedUsages": "ExportRequest"'));

    // Cancel: nothing is sent.
    const cancelled = answer(undefined);
    const none = await vscode.commands.executeCommand<ApplyResult | undefined>('kustoMi.applyPolicies', file);
    assert.deepEqual(none, { planned: 1, ran: 0, outcome: 'cancelled' });
    assert.equal(cancelled.length, 1);
    assert.ok(!connected.servers.kusto.requests.some((r) => /^\.(alter|delete)/.test(r.csl ?? '')));

    const asked = answer('Run');
    const applied = await vscode.commands.executeCommand<ApplyResult | undefined>('kustoMi.applyPolicies', file);
    assert.deepEqual(applied, { planned: 1, ran: 1, outcome: 'ran' });
    assert.deepEqual(asked.map((a) => a.detail), [
      `.alter database ['Ops-Archive'] policy managed_identity "[ { 'ObjectId' : '${DEMO_IDS.exportPrincipalId}', 'AllowedUsages' : 'ExportRequest' } ]"`,
    ]);
    assert.match(asked[0].message, /line \d+ of .*exported\.managed_identity\.kql/);
    const opsArchive = connected.servers.kusto.state.databases.find((d) => d.name === 'Ops-Archive');
    assert.equal(opsArchive?.policy?.[0].AllowedUsages, 'ExportRequest');
  });

  it('a file with a policy command that cannot be read is refused with its line, and nothing is read or sent', async () => {
    const broken = workspaceFile('kql/broken.managed_identity.kql');
    await vscode.workspace.fs.writeFile(broken, new TextEncoder().encode(
      '// hand-written\n.alter database [\'Sales\'] policy managed_identity ```\n[ { "ObjectId": "system" "AllowedUsages": "ExternalTable" } ]\n```\n'));
    try {
      const asked = answer('Run');
      const result = await vscode.commands.executeCommand('kustoMi.applyPolicies', broken);
      assert.equal(result, undefined);
      assert.equal(asked.length, 0);
      assert.match(errors.join('\n'), /line 3: The JSON of the policy of database 'Sales' is not valid/);
      assert.ok(!connected.servers.kusto.requests.some((r) => r.endpoint === 'mgmt'));
    } finally {
      await vscode.workspace.fs.delete(broken);
    }
  });
});
