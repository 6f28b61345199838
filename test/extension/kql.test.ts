// The KQL language in the real editor: language id, snippets, policy-aware
// completion, hovers and policy-literal diagnostics.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeActions, waitForDiagnostics } from './support/diagnostics';
import { waitFor, workspaceFile } from './support/extension';
import { INGEST_MI, withSetting } from './support/settings';

async function kustoDocument(content = ''): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language: 'kusto', content });
  return vscode.window.showTextDocument(document);
}

async function completionLabels(document: vscode.TextDocument, position: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
  return list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}

function positionAfter(document: vscode.TextDocument, marker: string): vscode.Position {
  const offset = document.getText().indexOf(marker);
  assert.ok(offset >= 0, `marker ${marker} not found`);
  return document.positionAt(offset + marker.length);
}

describe('KQL language', () => {
  let restore: () => Promise<void>;
  before(async () => {
    restore = await withSetting('identities', [INGEST_MI]);
  });
  after(async () => {
    await restore();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('opens .kql files as the kusto language', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceFile('kql/ingest.kql'));
    assert.equal(document.languageId, 'kusto');
    await vscode.window.showTextDocument(document);
  });

  const snippets: [string, RegExp][] = [
    ['.alter-merge the cluster managed_identity policy',
      /^\.alter-merge cluster policy managed_identity "\[ \{ 'ObjectId' : 'system', 'AllowedUsages' : 'NativeIngestion' \} \]"$/],
    ['.alter-merge the database managed_identity policy',
      /^\.alter-merge database DatabaseName policy managed_identity "\[ \{ 'ObjectId' : 'system', 'AllowedUsages' : 'NativeIngestion' \} \]"$/],
    ['.alter-merge the database managed_identity policy (multi-line JSON)',
      /^\.alter-merge database DatabaseName policy managed_identity ```\[\n\s+\{\n\s+"ObjectId": "system",\n\s+"AllowedUsages": "NativeIngestion"\n\s+\}\n\]```$/],
    ['Show the database managed_identity policy', /^\.show database DatabaseName policy managed_identity$/],
    ['Delete the cluster managed_identity policy', /^\.delete cluster policy managed_identity$/],
    ['Ingest a blob with a managed identity',
      /^\.ingest into table TableName \('https:\/\/account\.blob\.core\.windows\.net\/container\/file\.csv;managed_identity=system'\) with \(format='csv'\)$/],
  ];
  for (const [name, expected] of snippets) {
    it(`inserts the snippet "${name}"`, async () => {
      const editor = await kustoDocument();
      await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'kusto', name });
      assert.match(editor.document.getText(), expected);
    });
  }

  it('lists each .alter-merge snippet once', async () => {
    const editor = await kustoDocument('.alter-merge');
    const items = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider',
      editor.document.uri, editor.document.positionAt(editor.document.getText().length));
    const snippetItems = items.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet
      && (typeof i.label === 'string' ? i.label : i.label.label).startsWith('.alter-merge'));
    assert.equal(snippetItems.length, 4, snippetItems.map((i) => JSON.stringify(i.label)).join(', '));
  });

  it('does not flag the object id of a freshly inserted policy snippet', async () => {
    const editor = await kustoDocument();
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'kusto', name: '.alter-merge the database managed_identity policy' });
    // Give the debounced analysis time to run (it used to flag the placeholder at once).
    await new Promise((r) => setTimeout(r, 1500));
    const ours = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'Kusto MI');
    assert.deepEqual(ours.map((d) => d.code), []);
    // The analysis does run on this document: a value that is not an identity is flagged.
    const text = editor.document.getText();
    const at = text.indexOf("'system'") + 1;
    await editor.edit((b) => b.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 'system'.length)), 'objectId'));
    await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => x.code === 'invalid-object-id'));
  });

  it('folds each blank-line-separated query', async () => {
    const editor = await kustoDocument('.show databases\n| take 1\n\nT\n| where x > 1\n| count\n');
    // Opening the document may be what activates the extension: wait for its provider.
    const ranges = await waitFor('folding ranges', async () => {
      const found = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', editor.document.uri);
      return found.length ? found : undefined;
    });
    const ours = ranges.map((r) => [r.start, r.end]);
    assert.deepEqual(ours, [[0, 1], [3, 5]]);
  });

  it('completes ObjectId values with system and the known identities', async () => {
    const editor = await kustoDocument(".alter-merge cluster policy managed_identity \"[ { 'ObjectId' : '', 'AllowedUsages' : 'NativeIngestion' } ]\"");
    const labels = await completionLabels(editor.document, positionAfter(editor.document, "'ObjectId' : '"));
    assert.ok(labels.includes('system'), labels.join(', '));
    assert.ok(labels.includes(INGEST_MI.objectId), labels.join(', '));
    assert.ok(!labels.includes('NativeIngestion'));
  });

  it('completes AllowedUsages with the usages valid at each level', async () => {
    const cluster = await kustoDocument(".alter-merge cluster policy managed_identity \"[ { 'ObjectId' : 'system', 'AllowedUsages' : 'NativeIngestion, ' } ]\"");
    const clusterLabels = await completionLabels(cluster.document, positionAfter(cluster.document, "'NativeIngestion, "));
    assert.ok(clusterLabels.includes('SandboxArtifacts'), clusterLabels.join(', '));
    assert.ok(clusterLabels.includes('ExternalTable'));
    assert.ok(!clusterLabels.includes('NativeIngestion'), 'a usage already listed is offered again');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

    const database = await kustoDocument(".alter-merge database Sales policy managed_identity \"[ { 'ObjectId' : 'system', 'AllowedUsages' : '' } ]\"");
    const databaseLabels = await completionLabels(database.document, positionAfter(database.document, "'AllowedUsages' : '"));
    assert.ok(databaseLabels.includes('NativeIngestion'), databaseLabels.join(', '));
    assert.ok(!databaseLabels.includes('SandboxArtifacts'), 'SandboxArtifacts is cluster-only');
  });

  it('names the identity of an object id on hover, in a policy and in a URI', async () => {
    const editor = await kustoDocument(
      `.alter-merge database Sales policy managed_identity "[ { 'ObjectId' : '${INGEST_MI.objectId}', 'AllowedUsages' : 'NativeIngestion' } ]"\n\n` +
      `.ingest into table T ('https://acct.blob.core.windows.net/c/f.csv;managed_identity=${INGEST_MI.objectId}') with (format='csv')\n`);
    const text = editor.document.getText();
    for (const offset of [text.indexOf(INGEST_MI.objectId) + 3, text.lastIndexOf(INGEST_MI.objectId) + 3]) {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, editor.document.positionAt(offset));
      const markdown = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      assert.match(markdown, /ingest-mi/);
      assert.match(markdown, new RegExp(INGEST_MI.clientId));
    }
  });

  it('flags an unknown usage and a malformed object id, and fixes the usage', async () => {
    const editor = await kustoDocument(".alter-merge database Sales policy managed_identity \"[ { 'ObjectId' : 'not-a-guid', 'AllowedUsages' : 'NativeIngest' } ]\"");
    const diagnostics = await waitForDiagnostics(editor.document.uri, (d) => d.length >= 2);
    const usage = diagnostics.find((d) => d.code === 'unknown-usage');
    assert.ok(usage, diagnostics.map((d) => d.code).join(', '));
    assert.match(usage.message, /NativeIngestion/);
    assert.ok(diagnostics.some((d) => d.code === 'invalid-object-id'));
    const [fix] = (await codeActions(editor.document.uri, usage.range, vscode.CodeActionKind.QuickFix.value)).filter((a) => a.title.includes('NativeIngestion'));
    assert.ok(fix, 'no "did you mean" fix');
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.ok(editor.document.getText().includes("'AllowedUsages' : 'NativeIngestion'"));
    await waitForDiagnostics(editor.document.uri, (d) => !d.some((x) => x.code === 'unknown-usage'), 'the usage diagnostic to clear');
  });
});
