// The ingestion readiness check in a real VS Code, against the local Kusto and
// ARM servers: the code lens above URIs, the command from a lens, the palette
// and the Clusters view, the report (through the testing API and the webview's
// HTML), and each fix changing the server or the document, then the report.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestingApi } from '../../src/extension';
import type { ReadinessReport, StepId, Verdict } from '../../src/readiness/core/model';
import type { Prompts } from '../../src/ui/prompts';
import type { TreeNode } from '../../src/views/clusterTree/model/nodes/treeNode';
import { DEMO_STORAGE_ACCOUNT_ID, demoArmState, ROLE_IDS } from '../servers/arm';
import { DEMO_IDS } from '../servers/kusto';
import { openDocument } from './support/diagnostics';
import { waitFor, workspaceFile } from './support/extension';
import { connectToLocalCluster, resetKusto, type ConnectedCluster, type LocalServers } from './support/servers';

const LENS = 'Check ingestion readiness';

interface Answers {
  readonly database?: string;
  /** `system` or an object id, for "the URI names no identity". */
  readonly identity?: string;
  readonly input?: string;
  readonly confirm?: string;
}

interface Asked {
  readonly message: string;
  readonly detail: string;
  readonly actions: readonly string[];
}

describe('readiness check', function () {
  this.timeout(30_000);
  let servers: LocalServers;
  let testing: TestingApi;
  let cluster: ConnectedCluster | undefined;
  let restorePrompts: (() => void) | undefined;
  const errors: string[] = [];
  const asked: Asked[] = [];

  const verdicts = (r: ReadinessReport | undefined) => Object.fromEntries((r?.steps ?? []).map((s) => [s.id, s.verdict])) as Record<StepId, Verdict>;
  const step = (r: ReadinessReport | undefined, id: StepId) => r?.steps.find((s) => s.id === id);

  function answer(a: Answers): void {
    restorePrompts?.();
    const prompts: Partial<Prompts> = {
      pickOne: async (items, options) => (/which database/.test(options.title)
        ? items.find((i) => i.label === a.database)
        : items.find((i) => i.description === a.identity)),
      input: async () => a.input,
      confirm: async (message, detail, actions) => {
        asked.push({ message, detail, actions });
        return a.confirm;
      },
      info: () => undefined,
      error: (m) => void errors.push(m),
    };
    restorePrompts = testing.setPrompts(prompts);
  }

  async function lenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
    return waitFor('code lenses', async () => {
      const found = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
      const ours = found.filter((l) => l.command?.title === LENS);
      return ours.length > 0 ? ours : undefined;
    });
  }

  async function runLens(editor: vscode.TextEditor, containing: string): Promise<ReadinessReport | undefined> {
    const line = editor.document.positionAt(editor.document.getText().indexOf(containing)).line;
    const lens = (await lenses(editor.document.uri)).find((l) => l.range.start.line === line);
    assert.ok(lens?.command, `no lens on line ${line + 1}`);
    return vscode.commands.executeCommand<ReadinessReport | undefined>(lens.command.command, ...(lens.command.arguments ?? []));
  }

  async function revert(document: vscode.TextDocument): Promise<void> {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }

  /**
   * Reverts and closes what a test left dirty (untitled documents too), then
   * closes every editor and the report. Reverting the webview, or closing a
   * dirty editor, would ask in a dialog.
   */
  async function closeEverything(): Promise<void> {
    for (const editor of vscode.window.visibleTextEditors) {
      if (!editor.document.isDirty) continue;
      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }

  async function treeChild(parent: TreeNode | undefined, text: string): Promise<TreeNode> {
    const kids = (await testing.clusterTree.getChildren(parent)) ?? [];
    const found = kids.find((n) => {
      const label = testing.clusterTree.getTreeItem(n).label;
      return (typeof label === 'string' ? label : label?.label) === text;
    });
    assert.ok(found, `no tree node "${text}"`);
    return found;
  }

  before(async () => {
    cluster = await connectToLocalCluster();
    ({ servers, testing } = cluster);
  });
  beforeEach(async () => {
    resetKusto(servers.kusto);
    Object.assign(servers.arm.state, demoArmState(servers.kusto.url));
    servers.arm.settings.denyRoleAssignmentWrite = false;
    servers.arm.faults.clear();
    errors.length = 0;
    asked.length = 0;
    await vscode.commands.executeCommand('kustoMi.refresh');
  });
  afterEach(async () => {
    restorePrompts?.();
    restorePrompts = undefined;
    await closeEverything();
  });
  after(async () => {
    await cluster?.disconnect();
  });

  it('shows a code lens above each line with a managed-identity or SAS URI, and only there', async () => {
    const editor = await openDocument(workspaceFile('src/IngestOrders.cs'));
    const text = editor.document.getText();
    const found = await lenses(editor.document.uri);
    const lineOf = (s: string) => editor.document.positionAt(text.indexOf(s)).line;
    assert.deepEqual(found.map((l) => l.range.start.line).sort((a, b) => a - b), [lineOf('https://contosodata.blob.core.windows.net/orders'), lineOf('https://contosodata.blob.core.windows.net/returns')]);
    assert.ok(found.every((l) => l.command?.command === 'kustoMi.checkReadiness'));
    const plain = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'https://a.blob.core.windows.net/c/f.csv\nnothing here\n' });
    const none = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', plain.uri)) ?? [];
    assert.equal(none.filter((l) => l.command?.title === LENS).length, 0);
    await vscode.window.showTextDocument(plain); // so that afterEach reverts and closes it
  });

  it('from the lens on a managed-identity URI: asks only for the database, reports each step, shows the webview', async () => {
    answer({ database: 'Sales' });
    const editor = await openDocument(workspaceFile('src/IngestOrders.cs'));
    const report = await runLens(editor, 'returns/returns.csv;managed_identity=system');
    assert.ok(report, errors.join('\n'));
    assert.deepEqual(testing.readiness.lastReport, report);
    assert.deepEqual(verdicts(report), { uri: 'pass', identity: 'pass', policy: 'fail', role: 'pass', size: 'fail' });
    assert.equal(report.database, 'Sales');
    assert.equal(report.identity.objectId, DEMO_IDS.systemPrincipalId);
    assert.match(step(report, 'role')!.summary, /Storage Blob Data Reader on storage account contosodata/);
    assert.match(step(report, 'size')!.summary, /IngestOrders\.cs:18/);
    const html = testing.readiness.lastHtml ?? '';
    assert.match(html, /data-step="policy" data-verdict="fail"/);
    assert.match(html, /<button data-fix="policy">Allow NativeIngestion on database &#39;Sales&#39;<\/button>/);
    assert.match(html, /<button data-fix="size">/);
    assert.ok(html.includes('var(--vscode-foreground)'));
  });

  it('grant usage fix: the .alter-merge confirmation, the policy changed on the server, the report refreshed', async () => {
    answer({ database: 'Sales', confirm: 'Run' });
    const editor = await openDocument(workspaceFile('src/IngestOrders.cs'));
    await runLens(editor, 'returns/returns.csv;managed_identity=system');
    assert.equal(await testing.readiness.applyFix('policy'), 'applied', errors.join('\n'));
    assert.equal(asked.length, 1);
    assert.equal(asked[0].detail, `.alter-merge database ['Sales'] policy managed_identity "[ { 'ObjectId' : 'system', 'AllowedUsages' : 'NativeIngestion' } ]"`);
    assert.deepEqual(asked[0].actions, ['Run', 'Open as KQL']);
    const sales = servers.kusto.state.databases.find((d) => d.name === 'Sales')!.policy!;
    assert.ok(sales.some((e) => e.IsSystem && /NativeIngestion/.test(e.AllowedUsages)), JSON.stringify(sales));
    assert.equal(step(testing.readiness.lastReport, 'policy')?.verdict, 'pass');
    assert.match(testing.readiness.lastHtml ?? '', /data-step="policy" data-verdict="pass"/);
  });

  it('size fix: the document gets the size, the report refreshed', async () => {
    answer({ database: 'Telemetry' });
    const editor = await openDocument(workspaceFile('src/IngestOrders.cs'));
    try {
      const report = await runLens(editor, 'returns/returns.csv;managed_identity=system');
      assert.equal(step(report, 'size')?.verdict, 'fail');
      assert.equal(await testing.readiness.applyFix('size'), 'applied', errors.join('\n'));
      assert.match(editor.document.getText(), /new StorageSourceOptions \{ DeleteSourceOnSuccess = false, Size = 0 /);
      assert.equal(step(testing.readiness.lastReport, 'size')?.verdict, 'pass');
      assert.deepEqual(verdicts(testing.readiness.lastReport), { uri: 'pass', identity: 'pass', policy: 'pass', role: 'pass', size: 'pass' });
      assert.equal(testing.readiness.lastReport?.ready, true);
      assert.match(testing.readiness.lastHtml ?? '', /Ready: every check passed\./);
    } finally {
      await revert(editor.document);
    }
  });

  it('SAS URI: asks for the identity, the rewrite fix edits the document, the report refreshed', async () => {
    answer({ database: 'Telemetry', identity: 'system' });
    const editor = await openDocument(workspaceFile('src/IngestOrders.cs'));
    try {
      const report = await runLens(editor, 'orders/2026/11/orders.csv?sv=');
      assert.equal(step(report, 'uri')?.verdict, 'fail');
      assert.equal(report?.identity.source, 'given');
      assert.ok(!JSON.stringify(report).includes('Xy7Fake0Signature'), 'the SAS signature leaks into the report');
      assert.ok(!(testing.readiness.lastHtml ?? '').includes('Xy7Fake0Signature'), 'the SAS signature leaks into the webview');
      assert.equal(await testing.readiness.applyFix('uri'), 'applied', errors.join('\n'));
      assert.ok(editor.document.getText().includes('"https://contosodata.blob.core.windows.net/orders/2026/11/orders.csv;managed_identity=system";'));
      const after = testing.readiness.lastReport;
      assert.equal(step(after, 'uri')?.verdict, 'pass');
      assert.equal(after?.blobUri, 'https://contosodata.blob.core.windows.net/orders/2026/11/orders.csv;managed_identity=system');
      assert.equal(step(after, 'size')?.verdict, 'fail', 'the rewritten URI now needs a size in its call');
    } finally {
      await revert(editor.document);
    }
  });

  it('role fix from the palette: the Owner trap, a confirmation with principal, role and scope, the assignment created', async () => {
    answer({ database: 'Ops-Archive', confirm: 'Assign Role' });
    const document = await vscode.workspace.openTextDocument({
      language: 'typescript',
      content: `const archive = 'https://contosodata.blob.core.windows.net/returns/r.csv;managed_identity=${DEMO_IDS.exportPrincipalId}';\n`,
    });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(0, 40, 0, 40);
    const report = await vscode.commands.executeCommand<ReadinessReport>('kustoMi.checkReadiness');
    assert.ok(report, errors.join('\n'));
    const role = step(report, 'role')!;
    assert.equal(role.verdict, 'fail');
    assert.match(role.summary, /are Owner on subscription Contoso Analytics.*Owner and Contributor are not enough/);
    assert.equal(await testing.readiness.applyFix('role'), 'applied', errors.join('\n'));
    assert.equal(asked.length, 1);
    assert.match(asked[0].message, /^Assign Storage Blob Data Reader to export-mi .* on storage account contosodata\?$/);
    assert.match(asked[0].detail, new RegExp(`Principal: export-mi \\(${DEMO_IDS.exportPrincipalId}\\)`));
    assert.match(asked[0].detail, new RegExp(`Role: Storage Blob Data Reader \\(${ROLE_IDS.storageBlobDataReader}\\)`));
    assert.ok(asked[0].detail.includes(`Scope: ${DEMO_STORAGE_ACCOUNT_ID}`));
    const created = servers.arm.state.roleAssignments!.filter((a) => a.principalId === DEMO_IDS.exportPrincipalId && a.roleDefinitionName === ROLE_IDS.storageBlobDataReader);
    assert.equal(created.length, 1);
    assert.equal(created[0].scope, DEMO_STORAGE_ACCOUNT_ID);
    assert.equal(step(testing.readiness.lastReport, 'role')?.verdict, 'pass');
  });

  it('role fix refused (HTTP 403): says which permission is missing; nothing is created', async () => {
    answer({ database: 'Ops-Archive', confirm: 'Assign Role' });
    servers.arm.settings.denyRoleAssignmentWrite = true;
    const document = await vscode.workspace.openTextDocument({
      language: 'python', content: `URL = "https://contosodata.blob.core.windows.net/returns/r.csv;managed_identity=${DEMO_IDS.exportPrincipalId}"\n`,
    });
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('kustoMi.checkReadiness');
    const before = servers.arm.state.roleAssignments!.length;
    assert.equal(await testing.readiness.applyFix('role'), 'failed');
    assert.equal(servers.arm.state.roleAssignments!.length, before);
    assert.ok(errors.some((m) => /Microsoft\.Authorization\/roleAssignments\/write/.test(m) && /User Access Administrator/.test(m)), errors.join('\n'));
    assert.equal(step(testing.readiness.lastReport, 'role')?.verdict, 'fail');
  });

  it('from an identity node of the Clusters view: asks for the URI and the database; the URI fix without a document', async () => {
    answer({ database: 'Sales', input: 'https://contosodata.blob.core.windows.net/returns/typed.csv' });
    const ingest = await treeChild(await treeChild(await treeChild(undefined, 'demo'), 'Identities'), 'ingest-mi');
    const report = await vscode.commands.executeCommand<ReadinessReport>('kustoMi.checkReadiness', ingest);
    assert.ok(report, errors.join('\n'));
    assert.equal(report.identity.ref, DEMO_IDS.ingestPrincipalId);
    assert.deepEqual(verdicts(report), { uri: 'fail', identity: 'pass', policy: 'pass', role: 'pass', size: 'unknown' });
    assert.match(step(report, 'role')!.summary, /Storage Blob Data Contributor on resource group rg-kusto-demo/);
    assert.match(step(report, 'size')!.reason ?? '', /No source file given/);
    assert.equal(await testing.readiness.applyFix('uri'), 'applied', errors.join('\n'));
    assert.equal(testing.readiness.lastReport?.blobUri, `https://contosodata.blob.core.windows.net/returns/typed.csv;managed_identity=${DEMO_IDS.ingestPrincipalId}`);
    assert.equal(step(testing.readiness.lastReport, 'uri')?.verdict, 'pass');
  });

  it('from a database node: ARM refusing the role listing leaves the role step unknown, never pass', async () => {
    answer({ input: 'https://contosodata.blob.core.windows.net/returns/x.csv;managed_identity=system' });
    servers.arm.faults.failNext(403, { match: /roleAssignments/, count: Infinity });
    const telemetry = await treeChild(await treeChild(await treeChild(undefined, 'demo'), 'Databases'), 'Telemetry');
    const report = await vscode.commands.executeCommand<ReadinessReport>('kustoMi.checkReadiness', telemetry);
    assert.equal(report?.database, 'Telemetry');
    const role = step(report, 'role');
    assert.equal(role?.verdict, 'unknown');
    assert.match(role?.reason ?? '', /roleAssignments\/read/);
    assert.equal(report?.ready, false);
    assert.match(testing.readiness.lastHtml ?? '', /Why unknown: /);
  });
});
