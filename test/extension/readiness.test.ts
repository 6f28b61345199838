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
import { DEMO_IDS, DEMO_TENANT_ID } from '../servers/kusto';
import { codeActions, openDocument, waitForDiagnostics, withCode } from './support/diagnostics';
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
        : /ingestion failure/.test(options.title) ? items[0] : items.find((i) => i.description === a.identity)),
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
    servers.kusto.state.ingestionFailures = [];
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
    assert.deepEqual(verdicts(report), { uri: 'pass', identity: 'pass', policy: 'fail', role: 'pass', size: 'fail', network: 'pass', client: 'pass' });
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
      assert.deepEqual(verdicts(testing.readiness.lastReport), { uri: 'pass', identity: 'pass', policy: 'pass', role: 'pass', size: 'pass', network: 'pass', client: 'pass' });
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
    // Just assigned: it may not apply yet, so the report says so and a re-check is scheduled.
    assert.ok(testing.readiness.lastReport?.recheckAfter);
    assert.match(step(testing.readiness.lastReport, 'role')?.summary ?? '', /can take up to 10 minutes to apply/);
    assert.match(testing.readiness.lastHtml ?? '', /A role was assigned moments ago: the check runs again in (9|10) minutes/);
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
    assert.deepEqual(verdicts(report), { uri: 'fail', identity: 'pass', policy: 'pass', role: 'pass', size: 'unknown', network: 'pass' });
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

  it('failing: a storage firewall that shuts the cluster out; the report says what to change and offers no button', async () => {
    answer({ database: 'Telemetry' });
    servers.arm.state.subscriptions[0].storageAccounts![0].networkAcls = { defaultAction: 'Deny', bypass: 'None' };
    const editor = await openDocument(workspaceFile('src/IngestOrders.cs'));
    const report = await runLens(editor, 'returns/returns.csv;managed_identity=system');
    const network = step(report, 'network');
    assert.equal(network?.verdict, 'fail');
    assert.equal(report?.ready, false);
    const html = testing.readiness.lastHtml ?? '';
    assert.match(html, /data-step="network" data-verdict="fail"/);
    assert.match(html, /To do: Let the cluster through the firewall of storage account contosodata/);
    assert.match(html, /properties\.networkAcls\.resourceAccessRules \+=/);
    assert.ok(!html.includes('data-fix="network"'));
    assert.equal(await testing.readiness.applyFix('network'), 'unavailable');
    assert.match(html, /Checked (now|\d+ seconds? ago)/);
    assert.ok(!html.includes('edit(s)'));
  });

  it('continuous export: the database-role step fails, its .add database fix runs behind the confirmation, then passes', async () => {
    answer({ database: 'Telemetry', confirm: 'Run' });
    const content = [
      "// Exports to h@'https://contosodata.blob.core.windows.net/exports/nightly;managed_identity=system'",
      '.create-or-alter continuous-export Nightly over (Events) to table ArchiveExt with (managedIdentity="system", intervalBetweenRuns=1h) <| Events',
      '',
    ].join('\n');
    const document = await vscode.workspace.openTextDocument({ language: 'kusto', content });
    const editor = await vscode.window.showTextDocument(document);
    const at = document.positionAt(content.indexOf('contosodata') + 3);
    editor.selection = new vscode.Selection(at, at);
    const report = await vscode.commands.executeCommand<ReadinessReport>('kustoMi.checkReadiness');
    assert.ok(report, errors.join('\n'));
    assert.equal(report.usage, 'AutomatedFlows');
    assert.equal(step(report, 'policy')?.title, 'managed_identity policy allows AutomatedFlows');
    assert.equal(step(report, 'principal')?.verdict, 'fail');
    assert.equal(await testing.readiness.applyFix('principal'), 'applied', errors.join('\n'));
    assert.equal(asked.length, 1);
    assert.equal(asked[0].detail, `.add database ['Telemetry'] viewers ('aadapp=${DEMO_IDS.systemPrincipalId};${DEMO_TENANT_ID}') 'Continuous export managed identity'`);
    assert.deepEqual(asked[0].actions, ['Run', 'Open as KQL']);
    const telemetry = servers.kusto.state.databases.find((d) => d.name === 'Telemetry')!;
    assert.ok(telemetry.principals?.some((p) => p.role === 'Database Telemetry Viewer'), JSON.stringify(telemetry.principals));
    assert.equal(step(testing.readiness.lastReport, 'principal')?.verdict, 'pass');
  });

  it('Explain Ingestion Failure from a message: checks the blob and opens the report at the step that explains it', async () => {
    answer({ database: 'Ops-Archive' });
    const message = `Ingestion of https://contosodata.blob.core.windows.net/returns/r.csv;managed_identity=${DEMO_IDS.exportPrincipalId} failed: Download_Forbidden`;
    const result = await vscode.commands.executeCommand<{ explanation: { code: string; step?: string }; report?: ReadinessReport }>('kustoMi.explainIngestionFailure', message);
    assert.ok(result?.report, errors.join('\n'));
    assert.equal(result.explanation.code, 'Download_Forbidden');
    assert.equal(result.explanation.step, 'role');
    assert.equal(step(result.report, 'role')?.verdict, 'fail');
    const html = testing.readiness.lastHtml ?? '';
    assert.match(html, /class="step fail focus" data-step="role"/);
    assert.match(html, /class="notice info" role="status">Download_Forbidden \(DataAccessNotAuthorized, permanent\): Storage refused the download/);
  });

  it('Explain Ingestion Failure from a database node: reads .show ingestion failures and explains the picked one', async () => {
    answer({});
    servers.kusto.state.ingestionFailures = [{
      database: 'Telemetry', table: 'Events', failedOn: new Date(Date.now() - 120_000).toISOString(),
      sourcePath: `https://contosodata.blob.core.windows.net/returns/r.csv;managed_identity=${DEMO_IDS.ingestClientId}`,
      details: 'The managed identity is not valid', errorCode: 'BadRequest_InvalidManagedIdentity',
    }];
    const telemetry = await treeChild(await treeChild(await treeChild(undefined, 'demo'), 'Databases'), 'Telemetry');
    const result = await vscode.commands.executeCommand<{ explanation: { code: string }; report?: ReadinessReport }>('kustoMi.explainIngestionFailure', telemetry);
    assert.ok(result?.report, errors.join('\n'));
    assert.equal(result.explanation.code, 'BadRequest_InvalidManagedIdentity');
    const identity = step(result.report, 'identity');
    assert.equal(identity?.verdict, 'fail');
    assert.match(identity?.summary ?? '', /is the client id of ingest-mi, not its object id/);
    assert.match(testing.readiness.lastHtml ?? '', /class="step fail focus" data-step="identity"/);
    assert.ok(servers.kusto.requests.some((q) => q.csl === '.show ingestion failures'));
  });

  it('diagnostics: a direct client with a managed-identity URI, and a client id with its object-id quick fix', async () => {
    // The registry learns the identities' client ids from the cluster.
    await testing.clusterTree.getChildren(await treeChild(await treeChild(undefined, 'demo'), 'Identities'));
    await waitFor('identities with client ids', () => testing.identities.all().some((i) => i.clientId === DEMO_IDS.ingestClientId) || undefined);
    const content = [
      `var returns = "https://contosodata.blob.core.windows.net/returns/r.csv;managed_identity=${DEMO_IDS.ingestClientId}";`,
      'var client = KustoIngestFactory.CreateDirectIngestClient(kcsb);',
      '',
    ].join('\n');
    const document = await vscode.workspace.openTextDocument({ language: 'csharp', content });
    await vscode.window.showTextDocument(document);
    const found = await waitForDiagnostics(document.uri, (d) => withCode(d, 'mi-requires-queued-ingestion').length === 1 && withCode(d, 'mi-client-id-used').length === 1);
    const queued = withCode(found, 'mi-requires-queued-ingestion')[0];
    assert.equal(document.getText(queued.range), 'KustoIngestFactory.CreateDirectIngestClient');
    const clientId = withCode(found, 'mi-client-id-used')[0];
    assert.equal(document.getText(clientId.range), DEMO_IDS.ingestClientId);
    const fixes = (await codeActions(document.uri, clientId.range)).filter((a) => /object id/.test(a.title));
    assert.equal(fixes.length, 1);
    await vscode.workspace.applyEdit(fixes[0].edit!);
    assert.ok(document.getText().includes(`;managed_identity=${DEMO_IDS.ingestPrincipalId}"`));
    await waitForDiagnostics(document.uri, (d) => withCode(d, 'mi-client-id-used').length === 0, 'the client-id diagnostic gone');
  });
});
