// Tree labels read as they mean, in a real VS Code: an inherited NativeIngestion
// names whose permission it is, and descriptions stay short (the rest is in the tooltip).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestingApi } from '../../src/extension';
import type { TreeNode } from '../../src/views/clusterTree/model/nodes/treeNode';
import { DEMO_IDS } from '../servers/kusto';
import { connectToLocalCluster, resetKusto, type ConnectedCluster } from './support/servers';
import { label } from './support/tree';

const tooltip = (item: vscode.TreeItem) => (item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip ?? ''));

describe('cluster tree labels', function () {
  this.timeout(30_000);
  let cluster: ConnectedCluster;
  let testing: TestingApi;
  const item = (node: TreeNode) => testing.clusterTree.getTreeItem(node) as vscode.TreeItem;
  /** What the view shows on hover: database tooltips are resolved then, not with the item. */
  const hovered = (node: TreeNode) => testing.clusterTree.resolveTreeItem(item(node), node);
  async function children(node?: TreeNode): Promise<TreeNode[]> {
    const nodes = (await testing.clusterTree.getChildren(node)) ?? [];
    if (node?.kind === 'databases') await node.cluster.allDatabasePolicies();
    return nodes;
  }
  async function path(...labels: string[]): Promise<TreeNode> {
    let node: TreeNode | undefined;
    for (const l of labels) {
      const found = (await children(node)).find((n) => label(item(n)) === l);
      assert.ok(found, `no "${l}"`);
      node = found;
    }
    return node!;
  }

  before(async () => {
    cluster = await connectToLocalCluster();
    testing = cluster.testing;
  });
  beforeEach(async () => {
    resetKusto(cluster.servers.kusto);
    await vscode.commands.executeCommand('kustoMi.refresh');
  });
  after(async () => {
    resetKusto(cluster.servers.kusto);
    await cluster.disconnect();
  });

  it('a database inheriting NativeIngestion from a cluster policy that allows only ingest-mi says "inherited: ingest-mi"', async () => {
    const node = await path('demo', 'Databases', 'Sales');
    const sales = item(node);
    assert.equal(sales.description, 'inherited: ingest-mi');
    assert.equal(sales.tooltip, undefined, 'database items carry no tooltip until hovered');
    assert.match(tooltip(hovered(node)), /inherited from the cluster policy for `ingest-mi`/);
  });

  it('several identities inherited: one name and a count, every name in the tooltip', async () => {
    const [ingest] = cluster.servers.kusto.state.clusterPolicy!;
    cluster.servers.kusto.state.clusterPolicy = [ingest, {
      ObjectId: DEMO_IDS.exportPrincipalId, ClientId: DEMO_IDS.exportClientId, TenantId: ingest.TenantId,
      DisplayName: 'export-mi', IsSystem: false, AllowedUsages: 'NativeIngestion',
    }];
    await vscode.commands.executeCommand('kustoMi.refresh', await path('demo'));
    const node = await path('demo', 'Databases', 'Staging');
    assert.match(String(item(node).description), /^inherited: (ingest-mi|export-mi) \+1$/);
    assert.match(tooltip(hovered(node)), /`ingest-mi`/);
    assert.match(tooltip(hovered(node)), /`export-mi`/);
    assert.match(String(item(await path('demo', 'Cluster policy')).description), /^NativeIngestion: (ingest-mi|export-mi) \+1$/);
  });

  it('an identity shows its object id; the client id, cut off before, is in the tooltip', async () => {
    const ingest = item(await path('demo', 'Identities', 'ingest-mi'));
    assert.equal(ingest.description, DEMO_IDS.ingestPrincipalId);
    assert.ok(!String(ingest.description).includes('client'));
    assert.match(tooltip(ingest), new RegExp(`Client id: \`${DEMO_IDS.ingestClientId}\``));
  });
});
