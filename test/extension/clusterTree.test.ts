// The Clusters view in a real VS Code, against the local Kusto and ARM
// servers: what the tree shows, and every command that reads or changes a
// managed_identity policy, with the quick picks and the modal confirmation
// answered through the extension's test seam.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestingApi } from '../../src/extension';
import type { Prompts } from '../../src/ui/prompts';
import type { TreeNode } from '../../src/views/clusterTree/model/nodes/treeNode';
import { DEMO_IDS, DEMO_TENANT_ID } from '../servers/kusto';
import { closeAllEditors } from './support/diagnostics';
import { ourExtension, waitFor } from './support/extension';
import { connectToLocalCluster, resetKusto, type ConnectedCluster, type LocalServers } from './support/servers';
import { withSetting } from './support/settings';
import { label } from './support/tree';

const iconId = (item: vscode.TreeItem) => (item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined);
const tooltip = (item: vscode.TreeItem) => (item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip ?? ''));

interface Asked {
  message: string;
  detail: string;
  actions: readonly string[];
}

describe('cluster tree', function () {
  this.timeout(30_000);
  let servers: LocalServers;
  let testing: TestingApi;
  let cluster: ConnectedCluster | undefined;
  let restorePrompts: (() => void) | undefined;
  const errors: string[] = [];

  const tree = () => testing.clusterTree;
  const item = (node: TreeNode) => tree().getTreeItem(node) as vscode.TreeItem;
  const children = async (node?: TreeNode) => {
    const nodes = (await tree().getChildren(node)) ?? [];
    // Database policies are read in the background after the list: wait for them where states are read.
    if (node?.kind === 'databases') await node.cluster.allDatabasePolicies();
    return nodes;
  };
  async function child(parent: TreeNode | undefined, text: string): Promise<TreeNode> {
    const found = (await children(parent)).find((n) => label(item(n)) === text);
    assert.ok(found, `no "${text}" under ${parent ? label(item(parent)) : 'the root'}: ${(await children(parent)).map((n) => label(item(n))).join(', ')}`);
    return found;
  }
  async function path(...labels: string[]): Promise<TreeNode> {
    let node: TreeNode | undefined;
    for (const l of labels) node = await child(node, l);
    return node!;
  }
  const mgmt = () => servers.kusto.requests.filter((r) => r.endpoint === 'mgmt').map((r) => r.csl ?? '');

  /** Answers every question: the identity whose object id is `objectId`, the preselected usages, then `answer`. */
  function answer(objectId: string | undefined, choice: string | undefined, asked: Asked[] = []): Asked[] {
    restorePrompts?.();
    const prompts: Partial<Prompts> = {
      pickOne: async (items) => items.find((i) => i.description === objectId),
      pickMany: async (items) => items.filter((i) => i.picked),
      confirm: async (message, detail, actions) => {
        asked.push({ message, detail, actions });
        return choice;
      },
      info: () => undefined,
      error: (message) => void errors.push(message),
    };
    restorePrompts = testing.setPrompts(prompts);
    return asked;
  }

  before(async () => {
    cluster = await connectToLocalCluster();
    ({ servers, testing } = cluster);
  });
  beforeEach(async () => {
    resetKusto(servers.kusto);
    errors.length = 0;
    await vscode.commands.executeCommand('kustoMi.refresh');
  });
  afterEach(() => {
    restorePrompts?.();
    restorePrompts = undefined;
  });
  after(async () => {
    await cluster?.disconnect();
    await closeAllEditors();
  });

  it('shows the cluster with Identities, Cluster policy and Databases', async () => {
    const [root] = await children();
    const rootItem = item(root);
    assert.equal(rootItem.description, servers.kusto.url);
    assert.equal(rootItem.contextValue, 'cluster');
    assert.equal(rootItem.id, `cluster:${servers.kusto.url}`);
    assert.deepEqual((await children(root)).map((n) => label(item(n))), ['Identities', 'Cluster policy', 'Databases']);
    assert.equal(tree().getParent((await children(root))[2]), root);
  });

  it('lists the identities from ARM and registers them for quick fixes and completions', async () => {
    const identities = await children(await path('demo', 'Identities'));
    assert.deepEqual(identities.map((n) => label(item(n))), ['System-assigned', 'export-mi', 'ingest-mi']);
    const ingest = item(identities[2]);
    assert.equal(ingest.contextValue, 'identity.user');
    // The object id only: the client id, cut off in the view, is in the tooltip.
    assert.equal(ingest.description, DEMO_IDS.ingestPrincipalId);
    assert.match(tooltip(ingest), new RegExp(`Client id: \`${DEMO_IDS.ingestClientId}\``));
    assert.equal(item(identities[0]).contextValue, 'identity.system');
    assert.ok(servers.arm.requests.some((r) => r.endpoint === 'cluster'));
    const registered = testing.identities.all().find((i) => i.objectId === DEMO_IDS.ingestPrincipalId);
    assert.equal(registered?.displayName, 'ingest-mi');
    assert.equal(registered?.cluster, servers.kusto.url);
  });

  it('shows whether NativeIngestion is allowed in each database, inherited, or not', async () => {
    const databases = await path('demo', 'Databases');
    const states = async () => Object.fromEntries((await children(databases)).map((n) => [label(item(n)), [item(n).description, iconId(item(n))]]));
    assert.deepEqual(await states(), {
      Telemetry: ['NativeIngestion allowed', 'pass'],
      // Whose permission is inherited: the cluster policy allows only ingest-mi.
      Sales: ['inherited: ingest-mi', 'pass'],
      Staging: ['inherited: ingest-mi', 'pass'],
      'Ops-Archive': ['inherited: ingest-mi', 'pass'],
    });
    assert.match(String(item(databases).description), /^4 · 1 allowed · 3 inherited$/);
    const policy = await path('demo', 'Cluster policy');
    assert.equal(item(policy).description, 'NativeIngestion: ingest-mi');

    servers.kusto.state.clusterPolicy = null;
    await vscode.commands.executeCommand('kustoMi.refresh', await path('demo'));
    assert.deepEqual((await states()).Sales, ['NativeIngestion not allowed', 'circle-slash']);
    assert.deepEqual((await states()).Telemetry, ['NativeIngestion allowed', 'pass']);
  });

  it('refresh on a node reloads only that node', async () => {
    const policy = await path('demo', 'Cluster policy');
    await children(policy);
    const before = mgmt().length;
    await vscode.commands.executeCommand('kustoMi.refresh', policy);
    assert.deepEqual(mgmt().slice(before), ['.show cluster policy managed_identity']);
  });

  it('a database whose request fails becomes an error node in words; the others stay; Retry recovers it', async () => {
    servers.kusto.faults.failNext(403, { match: /Sales/, count: Infinity });
    await vscode.commands.executeCommand('kustoMi.refresh', await path('demo', 'Databases'));
    const sales = await path('demo', 'Databases', 'Sales');
    assert.equal(item(sales).description, 'policy could not be read');
    assert.equal(iconId(item(sales)), 'error');
    const [error] = await children(sales);
    const errorItem = item(error);
    assert.equal(errorItem.contextValue, 'error');
    assert.equal(iconId(errorItem), 'error');
    assert.match(label(errorItem), /database 'Sales'.*HTTP 403/);
    assert.ok(!label(errorItem).includes('kusto-mi-local-no-auth'), 'no token in the message');
    assert.equal(item(await path('demo', 'Databases', 'Telemetry')).description, 'NativeIngestion allowed');

    servers.kusto.faults.clear();
    await vscode.commands.executeCommand('kustoMi.retry', error);
    const recovered = await path('demo', 'Databases', 'Sales');
    assert.equal(item(recovered).description, 'inherited: ingest-mi');
    assert.equal(item((await children(recovered))[0]).contextValue, 'policyEntry');
  });

  it('allow usages: picks an identity, NativeIngestion preselected, confirms the exact .alter-merge, runs it', async () => {
    const asked: Asked[] = [];
    let offered: string[] = [];
    const restore = testing.setPrompts({
      pickOne: async (items) => items.find((i) => i.description === DEMO_IDS.exportPrincipalId),
      pickMany: async (items) => {
        offered = items.filter((i) => i.picked).map((i) => i.label);
        return items.filter((i) => i.picked);
      },
      confirm: async (message, detail, actions) => {
        asked.push({ message, detail, actions });
        return 'Run';
      },
      info: () => undefined,
      error: (m) => void errors.push(m),
    });
    try {
      const sales = await path('demo', 'Databases', 'Sales');
      const outcome = await vscode.commands.executeCommand('kustoMi.allowUsages', sales);
      assert.equal(outcome, 'ran', errors.join('\n'));
    } finally {
      restore();
    }
    assert.deepEqual(offered, ['NativeIngestion']);
    const command = `.alter-merge database ['Sales'] policy managed_identity "[ { 'ObjectId' : '${DEMO_IDS.exportPrincipalId}', 'AllowedUsages' : 'NativeIngestion' } ]"`;
    assert.equal(asked.length, 1);
    assert.equal(asked[0].detail, command);
    assert.deepEqual(asked[0].actions, ['Run', 'Open as KQL']);
    assert.match(asked[0].message, /Allow NativeIngestion for export-mi .*database 'Sales'/);
    assert.ok(mgmt().includes(command), 'the command shown is the command sent');
    const stored = servers.kusto.state.databases.find((d) => d.name === 'Sales')!.policy!;
    assert.deepEqual(stored.map((e) => [e.DisplayName, e.AllowedUsages]), [['demo', 'ExternalTable'], ['export-mi', 'NativeIngestion']]);
    const sales = await path('demo', 'Databases', 'Sales');
    assert.equal(item(sales).description, 'NativeIngestion allowed');
    assert.deepEqual((await children(sales)).map((n) => label(item(n))), ['demo (system-assigned)', 'export-mi']);
  });

  it('remove a usage: .alter with what is left', async () => {
    const asked = answer(undefined, 'Run');
    const usage = await path('demo', 'Databases', 'Ops-Archive', 'export-mi', 'ExternalTable');
    assert.equal(item(usage).contextValue, 'usage');
    assert.equal(await vscode.commands.executeCommand('kustoMi.removeUsage', usage), 'ran', errors.join('\n'));
    const command = `.alter database ['Ops-Archive'] policy managed_identity "[ { 'ObjectId' : '${DEMO_IDS.exportPrincipalId}', 'AllowedUsages' : 'ExportRequest' } ]"`;
    assert.equal(asked[0].detail, command);
    assert.ok(mgmt().includes(command));
    assert.equal(servers.kusto.state.databases.find((d) => d.name === 'Ops-Archive')!.policy![0].AllowedUsages, 'ExportRequest');
    assert.deepEqual((await children(await path('demo', 'Databases', 'Ops-Archive', 'export-mi'))).map((n) => label(item(n))), ['ExportRequest']);
  });

  it('remove the last usage: .delete', async () => {
    const asked = answer(undefined, 'Run');
    const usage = await path('demo', 'Databases', 'Telemetry', 'demo (system-assigned)', 'NativeIngestion');
    assert.equal(await vscode.commands.executeCommand('kustoMi.removeUsage', usage), 'ran', errors.join('\n'));
    assert.equal(asked[0].detail, ".delete database ['Telemetry'] policy managed_identity");
    assert.match(asked[0].message, /will be deleted/);
    assert.equal(mgmt().at(-1), ".delete database ['Telemetry'] policy managed_identity");
    assert.equal(servers.kusto.state.databases.find((d) => d.name === 'Telemetry')!.policy, null);
    const telemetry = await path('demo', 'Databases', 'Telemetry');
    assert.equal(item(telemetry).description, 'inherited: ingest-mi');
    assert.deepEqual((await children(telemetry)).map((n) => label(item(n))), ['No managed_identity policy on this database']);
  });

  it('remove an identity\'s entry from the cluster policy: the last one, so .delete', async () => {
    const asked = answer(undefined, 'Run');
    const entry = await path('demo', 'Cluster policy', 'ingest-mi');
    assert.equal(await vscode.commands.executeCommand('kustoMi.removePolicyEntry', entry), 'ran', errors.join('\n'));
    assert.equal(asked[0].detail, '.delete cluster policy managed_identity');
    assert.equal(servers.kusto.state.clusterPolicy, null);
    // Inheritance is gone from every database without its own entry.
    assert.equal(item(await path('demo', 'Databases', 'Sales')).description, 'NativeIngestion not allowed');
  });

  it('Cancel changes nothing; Open as KQL puts the command in an untitled kusto document instead', async () => {
    answer(DEMO_IDS.ingestPrincipalId, undefined);
    const policy = await path('demo', 'Cluster policy');
    const before = mgmt().length;
    assert.equal(await vscode.commands.executeCommand('kustoMi.allowUsages', policy), 'cancelled');
    const asked = answer(DEMO_IDS.exportPrincipalId, 'Open as KQL');
    assert.equal(await vscode.commands.executeCommand('kustoMi.allowUsages', policy), 'opened');
    assert.ok(!mgmt().slice(before).some((c) => c.startsWith('.alter')), 'nothing was run');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    assert.equal(editor.document.isUntitled, true);
    assert.equal(editor.document.languageId, 'kusto');
    assert.equal(editor.document.getText().trim(), asked[0].detail);
    assert.match(asked[0].detail, /^\.alter-merge cluster policy managed_identity "\[ \{ 'ObjectId' : '9d7c1e44-2b6a-4f0e-b3d1-5e8f7a6b4c21', 'AllowedUsages' : 'NativeIngestion' \} \]"$/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('a 403 on a change explains that it needs All Database Admin', async () => {
    servers.kusto.settings.readOnlyTokens.add('kusto-mi-local-no-auth');
    answer(DEMO_IDS.systemPrincipalId, 'Run');
    const policy = await path('demo', 'Cluster policy');
    assert.equal(await vscode.commands.executeCommand('kustoMi.allowUsages', policy), 'failed');
    assert.equal(errors.length, 1);
    assert.match(errors[0], /Changing the managed_identity policy needs the All Database Admin role/);
    assert.equal(servers.kusto.state.clusterPolicy?.length, 1, 'unchanged');
  });

  it('copies the object id and the ;managed_identity= suffix', async () => {
    const [system, , ingest] = await children(await path('demo', 'Identities'));
    assert.equal(await vscode.commands.executeCommand('kustoMi.copyObjectId', ingest), DEMO_IDS.ingestPrincipalId);
    assert.equal(await vscode.env.clipboard.readText(), DEMO_IDS.ingestPrincipalId);
    await vscode.commands.executeCommand('kustoMi.copyManagedIdentitySuffix', system);
    assert.equal(await vscode.env.clipboard.readText(), ';managed_identity=system');
    await vscode.commands.executeCommand('kustoMi.copyManagedIdentitySuffix', await path('demo', 'Cluster policy', 'ingest-mi'));
    assert.equal(await vscode.env.clipboard.readText(), `;managed_identity=${DEMO_IDS.ingestPrincipalId}`);
  });

  it('opens a policy as read-only JSON with the service\'s field names', async () => {
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('kustoMi.openPolicyJson', await path('demo', 'Databases', 'Ops-Archive'));
    assert.equal(document.uri.scheme, 'kusto-mi-policy');
    assert.equal(document.languageId, 'json');
    const json = JSON.parse(document.getText()) as { ObjectId: string; AllowedUsages: string; DisplayName: string }[];
    assert.deepEqual(json.map((e) => [e.ObjectId, e.DisplayName, e.AllowedUsages]), [[DEMO_IDS.exportPrincipalId, 'export-mi', 'ExportRequest, ExternalTable']]);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('discovers clusters in Azure and adds the chosen one with its resource id', async () => {
    const restore = await withSetting('clusters', []);
    try {
      let offered: string[] = [];
      restorePrompts = testing.setPrompts({
        pickMany: async (items) => {
          offered = items.map((i) => `${i.label} ${i.description}`);
          return items.filter((i) => i.label === 'demo');
        },
        info: () => undefined,
        error: (m) => void errors.push(m),
      });
      const added = await vscode.commands.executeCommand<string[]>('kustoMi.discoverClusters');
      assert.deepEqual(added, [servers.kusto.url], errors.join('\n'));
      assert.deepEqual(offered.sort(), [`demo ${servers.kusto.url}`, 'devnoidentity https://devnoidentity.northeurope.kusto.windows.net'].sort());
      const clusters = vscode.workspace.getConfiguration('kustoMi').get<{ url: string; name: string; resourceId: string }[]>('clusters');
      assert.deepEqual(clusters, [{ url: servers.kusto.url, name: 'demo', resourceId: servers.resourceId, tenantId: DEMO_TENANT_ID }]);
    } finally {
      await restore();
    }
  });

  it('Sign In says what it did, and the welcome view offers it with Add and Discover', async () => {
    const infos: string[] = [];
    restorePrompts = testing.setPrompts({ info: (m) => void infos.push(m), error: (m) => void errors.push(m) });
    assert.equal(await vscode.commands.executeCommand('kustoMi.signIn'), true, errors.join('\n'));
    assert.match(infos[0], /Authentication is off \(kustoMi\.auth\.method is "none"\)/);
    await children(await path('demo', 'Databases')); // the tree works after the reconnect
    const welcome = (ourExtension().packageJSON as { contributes: { viewsWelcome: { view: string; contents: string }[] } }).contributes.viewsWelcome
      .find((w) => w.view === 'kustoMi.clusters')!.contents;
    for (const command of ['kustoMi.addCluster', 'kustoMi.discoverClusters', 'kustoMi.signIn']) assert.ok(welcome.includes(`(command:${command})`), command);
  });

  it('auth "none" with a remote cluster: an error node that says what to change, with Sign In', async () => {
    const restore = await withSetting('clusters', [{ url: servers.kusto.url, name: 'demo', resourceId: servers.resourceId }, 'https://help.kusto.windows.net']);
    try {
      const remote = await waitFor('the second cluster', async () => (await children()).find((n) => label(item(n)) === 'https://help.kusto.windows.net'));
      const [error] = await children(remote);
      assert.equal(item(error).contextValue, 'error.auth');
      assert.match(label(item(error)), /kustoMi\.auth\.method is "none"/);
    } finally {
      await restore();
    }
  });
});
