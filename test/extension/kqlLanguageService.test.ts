// The KQL language server in the real editor: Kusto's parser reports syntax
// errors and completes commands, alongside our own managed-identity features.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/views/clusterTree/model/nodes/treeNode';
import { startKustoServer } from '../servers/kusto';
import { closeAllEditors } from './support/diagnostics';
import { waitFor } from './support/extension';
import { connectToLocalCluster, type ConnectedCluster } from './support/servers';

async function kustoDocument(content: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language: 'kusto', content });
  return vscode.window.showTextDocument(document);
}

function kustoDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Kusto');
}

async function completions(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
  return list.items;
}

const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);

describe('KQL language service', function () {
  // The server starts with the first KQL document and loads Kusto's parser (a few seconds on a busy machine).
  this.timeout(60_000);
  afterEach(closeAllEditors);

  it('shows a misspelt keyword as a Kusto syntax error on its line, and nothing for a valid query', async () => {
    const editor = await kustoDocument('StormEvents\n| take 10\n\n.alter-merge database Sales polcy managed_identity "[]"\n');
    const diagnostics = await waitFor('Kusto syntax diagnostics', () => {
      const found = kustoDiagnostics(editor.document.uri);
      return found.length ? found : undefined;
    }, 45_000);
    assert.equal(diagnostics.length, 1, diagnostics.map((d) => d.message).join('; '));
    assert.match(String(diagnostics[0].code), /^KS\d+$/);
    assert.equal(diagnostics[0].range.start.line, 3);
    assert.equal(diagnostics[0].severity, vscode.DiagnosticSeverity.Error);
  });

  it('completes managed_identity after `.alter-merge database Sales policy `', async () => {
    const editor = await kustoDocument('.alter-merge database Sales policy ');
    const end = editor.document.positionAt(editor.document.getText().length);
    const labels = await waitFor('managed_identity in the completion list', async () => {
      const found = (await completions(editor.document, end)).map(label);
      return found.includes('managed_identity') ? found : undefined;
    }, 45_000);
    assert.equal(labels.filter((l) => l === 'managed_identity').length, 1, 'offered once');
  });

  it('shows the signature of bin( with the argument under the caret', async () => {
    const editor = await kustoDocument('StormEvents | summarize count() by bin(StartTime, ');
    const end = editor.document.positionAt(editor.document.getText().length);
    const help = await waitFor('signature help inside bin(', async () => {
      const found = await vscode.commands.executeCommand<vscode.SignatureHelp | undefined>('vscode.executeSignatureHelpProvider', editor.document.uri, end);
      return found?.signatures.length ? found : undefined;
    }, 45_000);
    assert.match(help.signatures[help.activeSignature].label, /^bin\(value: .*, roundTo: .*\)$/);
    assert.equal(help.activeParameter, 1);
  });
});

describe('KQL language service with a database schema', function () {
  this.timeout(60_000);
  let cluster: ConnectedCluster;

  before(async () => {
    cluster = await connectToLocalCluster();
  });
  after(async () => {
    await closeAllEditors();
    await cluster.disconnect();
  });
  afterEach(closeAllEditors);

  async function databaseNode(name: string): Promise<TreeNode> {
    const tree = cluster.testing.clusterTree;
    const labelOf = (n: TreeNode) => {
      const l = tree.getTreeItem(n) as vscode.TreeItem;
      return typeof l.label === 'string' ? l.label : l.label?.label ?? '';
    };
    let node: TreeNode | undefined;
    for (const step of ['demo', 'Databases', name]) {
      const children: TreeNode[] = (await tree.getChildren(node)) ?? [];
      node = children.find((n) => labelOf(n) === step);
      assert.ok(node, `no ${step} in the tree`);
    }
    return node!;
  }

  async function labelsAt(editor: vscode.TextEditor, expected: string): Promise<string[]> {
    const end = editor.document.positionAt(editor.document.getText().length);
    return waitFor(`${expected} in the completion list`, async () => {
      const found = (await completions(editor.document, end)).map(label);
      return found.includes(expected) ? found : undefined;
    }, 45_000);
  }

  it('"Use for This File" on a database: tables and columns complete, unknown columns are errors', async () => {
    const editor = await kustoDocument('Metrics | where Valu > 1\n\nMe');
    await vscode.commands.executeCommand('kustoMi.kql.useDatabaseForFile', await databaseNode('Telemetry'));
    const tables = await labelsAt(editor, 'Metrics');
    assert.ok(tables.includes('Events'), tables.join(', '));
    const unknown = await waitFor('an unknown-name diagnostic', () => {
      const found = kustoDiagnostics(editor.document.uri).filter((d) => /Valu/.test(d.message));
      return found.length ? found : undefined;
    }, 45_000);
    assert.equal(unknown[0].range.start.line, 0);
    assert.ok(cluster.servers.kusto.requests.some((r) => /\.show database \['Telemetry'\] schema as json/.test(r.csl ?? '')));
  });

  it('binds a file by its `// cluster: ... database: ...` header', async () => {
    const editor = await kustoDocument(`// cluster: ${cluster.servers.kusto.url} database: Sales\nOrders | where Amo`);
    const labels = await labelsAt(editor, 'Amount');
    assert.ok(labels.includes('Customer'), labels.join(', '));
  });

  it('never contacts a cluster that is not in the Clusters view', async () => {
    const stranger = await startKustoServer();
    try {
      const editor = await kustoDocument(`// cluster: ${stranger.url} database: Sales\nOrders\n| `);
      // The server runs and has diagnosed the file: the binding was considered and refused.
      await labelsAt(editor, 'take');
      await new Promise((r) => setTimeout(r, 1000));
      assert.deepEqual(stranger.requests.map((r) => r.csl), []);
    } finally {
      await stranger.close();
    }
  });

  it('Run on a query shows its rows, with the row count', async () => {
    const editor = await kustoDocument(`// cluster: ${cluster.servers.kusto.url} database: Telemetry\nMetrics | take 25\n`);
    const lenses = await waitFor('the Run code lens', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
      return found?.some((l) => l.command?.command === 'kustoMi.kql.runBlock') ? found : undefined;
    });
    const run = lenses.find((l) => l.command?.command === 'kustoMi.kql.runBlock')!;
    await vscode.commands.executeCommand(run.command!.command, ...(run.command!.arguments ?? []));
    const shown = cluster.testing.kqlResults();
    assert.ok(shown, 'no results view');
    assert.deepEqual(shown.result.columns.map((c) => c.name), ['Timestamp', 'Name', 'Value']);
    assert.equal(shown.result.rows.length, 25);
    assert.equal(shown.result.rows[2][1], 'Name-2');
  });

  it('Run on .alter-merge asks first with the exact command, then changes the policy and refreshes the tree', async () => {
    const command = ".alter-merge database Sales policy managed_identity \"[ { 'ObjectId' : 'system', 'AllowedUsages' : 'NativeIngestion' } ]\"";
    const editor = await kustoDocument(`// cluster: ${cluster.servers.kusto.url} database: Sales\n\n${command}\n`);
    const sales = async () => cluster.testing.clusterTree.getTreeItem(await databaseNode('Sales')) as vscode.TreeItem;
    const before = String((await sales()).description);
    // The background sweep has read every database's policy: what is read after the Run is the Run's doing.
    await cluster.testing.clusterTree.model.cluster(cluster.servers.kusto.url)?.allDatabasePolicies();
    const asked: string[] = [];
    let answer: string | undefined;
    const restore = cluster.testing.setPrompts({ confirm: async (_message, detail) => { asked.push(detail); return answer; } });
    try {
      const position = new vscode.Position(2, 3);
      editor.selection = new vscode.Selection(position, position);
      await vscode.commands.executeCommand('kustoMi.kql.runBlock');
      assert.deepEqual(asked, [command]);
      assert.ok(!cluster.servers.kusto.requests.some((r) => r.csl?.startsWith('.alter-merge')), 'Cancel must not run it');

      answer = 'Run';
      await vscode.commands.executeCommand('kustoMi.kql.runBlock');
      assert.equal(asked.length, 2);
      const requests = cluster.servers.kusto.requests;
      const ran = requests.findIndex((r) => r.csl === command);
      assert.ok(ran >= 0);
      const after = await waitFor('the tree to show the new policy', async () => {
        const description = String((await sales()).description);
        return description !== before ? description : undefined;
      });
      assert.match(after, /NativeIngestion allowed/);
      // Only Sales' policy was read again: the database list, the cluster policy and other databases stay cached.
      const reads = requests.slice(ran + 1).map((r) => r.csl ?? '');
      assert.ok(reads.some((c) => /^\.show database \[?'?Sales'?\]? policy managed_identity/.test(c)), reads.join('\n'));
      assert.deepEqual(reads.filter((c) => !/Sales/.test(c)), [], 'nothing but Sales was read again');
    } finally {
      restore();
    }
  });
});
