// Secrets of every managed-identity flow in the real editor: the diagnostic
// names the policy usage its flow needs, quick fixes rewrite ;sharedkey=,
// ;token= and SQL passwords in KQL, C# and JSON, and the system-assigned
// identity is offered once even when the cluster lists it by object id too.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestingApi } from '../../src/extension';
import { DEMO_IDS } from '../servers/kusto';
import { closeAllEditors, codeActions, waitForDiagnostics, withCode } from './support/diagnostics';
import { waitFor } from './support/extension';
import { connectToLocalCluster, type ConnectedCluster } from './support/servers';

const SYSTEM_FIX = "Use the cluster's system-assigned managed identity";
const SIG = 'HostFakeSignatureForTestsOnly0123456789abcd%3D';
const KEY = 'HostFakeKeyForTestsOnly0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWX+/==';
const JWT = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL3N0b3JhZ2UuYXp1cmUuY29tIn0.SG9zdEZha2VTaWduYXR1cmVGb3JUZXN0cw';
const PASSWORD = 'HostFakeSqlPassw0rd';
const SECRETS = [SIG, KEY, JWT, PASSWORD];

async function open(language: string, content: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language, content });
  return vscode.window.showTextDocument(document);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

describe('managed-identity flows in the editor', function () {
  this.timeout(60_000);
  let cluster: ConnectedCluster;
  let testing: TestingApi;

  before(async () => {
    cluster = await connectToLocalCluster();
    testing = cluster.testing;
    // Expanding the cluster's identities registers them (the system identity among them) for quick fixes.
    const [root] = (await testing.clusterTree.getChildren()) ?? [];
    const identitiesNode = ((await testing.clusterTree.getChildren(root)) ?? [])
      .find((n) => testing.clusterTree.getTreeItem(n).label === 'Identities');
    assert.ok(identitiesNode, 'the cluster has an Identities node');
    await testing.clusterTree.getChildren(identitiesNode);
    await waitFor('the cluster identities to be registered', () => (testing.identities.all().some((i) => i.objectId === DEMO_IDS.systemPrincipalId) ? true : undefined));
  });
  // Leave no dirty untitled editor behind: closing one later would ask to save it.
  afterEach(async () => {
    for (let i = 0; i < 10 && vscode.window.activeTextEditor; i++) {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
  after(async () => {
    await closeAllEditors();
    await cluster.disconnect();
    // The next suites expect only the identities of their own settings.
    for (const url of new Set(testing.identities.all().map((i) => i.cluster).filter((u): u is string => !!u))) testing.identities.clearCluster(url);
  });

  it('KQL: names the usage of each command, offers the system identity once, and fixes a SQL password', async () => {
    const text = [
      '.export to csv (',
      `    h@"https://contosodata.blob.core.windows.net/exports/daily?sv=2022-11-02&sp=rwl&sig=${SIG}"`,
      ') <| Orders',
      '',
      'evaluate sql_request(',
      "    'Server=tcp:contoso.database.windows.net,1433;Initial Catalog=Sales;'",
      "    h'User ID=loader;'",
      `    h'Password=${PASSWORD};',`,
      "    'select * from Orders')",
      '',
    ].join('\n');
    const editor = await open('kusto', text);
    const uri = editor.document.uri;
    const all = await waitForDiagnostics(uri, (d) => withCode(d, 'sas-blob-uri').length === 1 && withCode(d, 'sql-password').length === 1);
    const [sas] = withCode(all, 'sas-blob-uri');
    const [sql] = withCode(all, 'sql-password');
    assert.match(sas.message, /allow ExportRequest in the managed_identity policy/);
    assert.match(sas.message, /Storage Blob Data Contributor/);
    assert.match(sql.message, /allow SqlRequest/);
    for (const d of all) for (const s of SECRETS) assert.ok(!d.message.includes(s), 'a message leaks a secret');

    const titles = (await codeActions(uri, sas.range, vscode.CodeActionKind.QuickFix.value)).map((a) => a.title);
    assert.equal(titles.filter((t) => t.startsWith(SYSTEM_FIX)).length, 1, titles.join(' | '));
    assert.ok(!titles.some((t) => t.includes(DEMO_IDS.systemPrincipalId)), `the system identity is offered twice: ${titles.join(' | ')}`);
    assert.ok(titles.some((t) => t.includes(DEMO_IDS.ingestPrincipalId)), titles.join(' | '));

    const hover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, sas.range.start.translate(0, 12)));
    const head = hover.split('\n---\n')[0];
    assert.match(head, /`contosodata` \/ `exports` \/ `daily`/);
    assert.match(head, /- Permissions: read, write, list/);
    assert.match(head, /- Fix: `https:\/\/contosodata\.blob\.core\.windows\.net\/exports\/daily;managed_identity=system` \(allow `ExportRequest`/);
    assert.ok(!SECRETS.some((s) => hover.includes(s)), 'the hover leaks a secret');

    const sqlActions = await codeActions(uri, sql.range, vscode.CodeActionKind.QuickFix.value);
    const system = sqlActions.find((a) => a.title.startsWith(SYSTEM_FIX));
    assert.ok(system, sqlActions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(system.edit!));
    const after = editor.document.getText();
    assert.ok(after.includes(`h'Authentication="Active Directory Managed Identity";',`), after);
    assert.ok(!after.includes(PASSWORD) && !after.includes('User ID=loader'), after);
    await waitForDiagnostics(uri, (d) => withCode(d, 'sql-password').length === 0, 'the sql-password diagnostic to clear');
  });

  it('quick fixes and hovers say whether the cluster policy allows the flow usage; SQL and Cosmos DB hovers lead with what they reach', async () => {
    const model = testing.clusterTree.model.cluster(cluster.servers.kusto.url)!;
    await model.clusterPolicy.get();
    await model.allDatabasePolicies();
    const text = [
      '.export to csv (',
      `    h@"https://contosodata.blob.core.windows.net/exports/daily?sv=2022-11-02&sp=rwl&sig=${SIG}"`,
      ') <| Orders',
      '',
      'evaluate cosmosdb_sql_request(',
      `    'AccountEndpoint=https://contosocosmos.documents.azure.com:443/;Database=Sales;Collection=Orders;AccountKey=${KEY}',`,
      "    'select * from c')",
      '',
    ].join('\n');
    const editor = await open('kusto', text);
    const uri = editor.document.uri;
    const all = await waitForDiagnostics(uri, (d) => withCode(d, 'sas-blob-uri').length === 1 && withCode(d, 'cosmos-account-key').length === 1);
    const [sas] = withCode(all, 'sas-blob-uri');
    const [cosmos] = withCode(all, 'cosmos-account-key');
    const titles = async () => (await codeActions(uri, sas.range, vscode.CodeActionKind.QuickFix.value)).map((a) => a.title);
    const before = await titles();
    // The demo cluster policy allows only NativeIngestion for ingest-mi; Ops-Archive allows ExportRequest for export-mi.
    assert.ok(before.includes(`${SYSTEM_FIX} (ExportRequest not yet allowed on cluster demo — run Allow Usages)`), before.join(' | '));
    assert.ok(before.some((t) => t.includes(DEMO_IDS.exportPrincipalId) && t.endsWith('(ExportRequest allowed only in database Ops-Archive of cluster demo — run Allow Usages)')), before.join(' | '));
    const sasHover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, sas.range.start.translate(0, 12)));
    assert.match(sasHover.split('\n---\n')[0], /- Policy \(system-assigned identity\): ExportRequest not yet allowed on cluster demo — run Allow Usages/);

    const cosmosHover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, cosmos.range.start.translate(0, 3)));
    const head = cosmosHover.split('\n---\n')[0];
    assert.match(head, /^\*\*Cosmos DB connection string\*\* account `contosocosmos` \/ database `Sales` \/ container `Orders` — account key/);
    assert.match(head, /- Flow: the `cosmosdb_sql_request` plugin — allow `SqlRequest`/);
    assert.match(head, /- Fix: `Authentication="Active Directory Managed Identity"`/);
    assert.match(head, /- Policy \(system-assigned identity\): SqlRequest not yet allowed on cluster demo — run Allow Usages/);
    assert.ok(!SECRETS.some((s) => cosmosHover.includes(s)), 'the hover leaks the key');

    // Allow Usages on the cluster policy, as the user runs it: the fix now says the usage is allowed.
    const restore = testing.setPrompts({
      pickOne: async (items) => items.find((i) => i.label.includes('Cluster policy') || i.label.includes('System-assigned')),
      pickMany: async (items) => items.filter((i) => i.label === 'ExportRequest'),
      confirm: async () => 'Run',
      info: () => undefined,
    });
    try {
      assert.equal(await vscode.commands.executeCommand('kustoMi.allowUsages'), 'ran');
    } finally {
      restore();
    }
    const after = await titles();
    assert.ok(after.includes(`${SYSTEM_FIX} (ExportRequest allowed on cluster demo)`), after.join(' | '));
  });

  it('C#: rewrites an ADLS ;sharedkey= URI to a user-assigned identity', async () => {
    const editor = await open('csharp', `var source = "abfss://raw@contosodata.dfs.core.windows.net/events;sharedkey=${KEY}";\n`);
    const uri = editor.document.uri;
    const [d] = withCode(await waitForDiagnostics(uri, (all) => withCode(all, 'storage-account-key').length === 1), 'storage-account-key');
    assert.match(d.message, /allow NativeIngestion/);
    const actions = await codeActions(uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const ingest = actions.find((a) => a.title.includes(DEMO_IDS.ingestPrincipalId));
    assert.ok(ingest, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(ingest.edit!));
    assert.equal(editor.document.getText(), `var source = "abfss://raw@contosodata.dfs.core.windows.net/events;managed_identity=${DEMO_IDS.ingestPrincipalId}";\n`);
    await waitForDiagnostics(uri, (all) => withCode(all, 'storage-account-key').length === 0, 'the diagnostic to clear');
  });

  it('JSON: fix-all replaces a ;token= suffix and reports a bare SAS token without a rewrite', async () => {
    const editor = await open('json', `{\n  "source": "https://contosodata.blob.core.windows.net/exports/orders.csv;token=${JWT}",\n  "sas": "?sv=2022-11-02&sp=r&sig=${SIG}"\n}\n`);
    const uri = editor.document.uri;
    const all = await waitForDiagnostics(uri, (d) => withCode(d, 'storage-access-token').length === 1 && withCode(d, 'sas-token').length === 1);
    const [token] = withCode(all, 'sas-token');
    assert.deepEqual(await codeActions(uri, token.range, vscode.CodeActionKind.QuickFix.value), []);
    const tokenHover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, token.range.start.translate(0, 3)));
    assert.match(tokenHover, /Storage SAS token/);
    assert.match(tokenHover, /;managed_identity=system/);
    assert.ok(!tokenHover.includes(SIG));
    const fixAll = await codeActions(uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.kustoMi');
    assert.equal(fixAll.length, 1);
    assert.ok(await vscode.workspace.applyEdit(fixAll[0].edit!));
    const text = editor.document.getText();
    assert.ok(text.includes('"source": "https://contosodata.blob.core.windows.net/exports/orders.csv;managed_identity=system"'), text);
    assert.ok(!text.includes(JWT));
  });
});
