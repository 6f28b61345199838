// SAS blob URIs in the real editor: diagnostics, quick fixes, fix-all, hover,
// live updates while typing, settings, and the workspace-wide conversion.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, codeActions, openDocument, waitForDiagnostics, withCode } from './support/diagnostics';
import { waitFor, workspaceFile } from './support/extension';
import { INGEST_MI, withSetting } from './support/settings';

const SYSTEM_FIX = "Use the cluster's system-assigned managed identity";

describe('SAS blob URIs in the editor', () => {
  let restoreIdentities: () => Promise<void>;

  before(async () => {
    restoreIdentities = await withSetting('identities', [INGEST_MI]);
  });
  after(async () => {
    await restoreIdentities();
    await closeAllEditors();
  });

  it('flags the SAS URI in C# with rule, source and a message that hides the signature', async () => {
    const editor = await openDocument(workspaceFile('src/IngestOrders.cs'));
    const diagnostics = withCode(await waitForDiagnostics(editor.document.uri, (d) => withCode(d, 'sas-blob-uri').length > 0), 'sas-blob-uri');
    assert.equal(diagnostics.length, 1);
    const [diagnostic] = diagnostics;
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(editor.document.getText(diagnostic.range), /^https:\/\/contosodata\.blob\.core\.windows\.net\/orders\/2026\/11\/orders\.csv\?sv=/);
    assert.match(diagnostic.message, /managed.identity/i);
    assert.ok(!diagnostic.message.includes('Xy7Fake0Signature'), 'the message leaks the signature');
  });

  it('offers the system identity (preferred) and each known identity, and the fix rewrites the URI', async () => {
    const editor = await openDocument(workspaceFile('src/IngestOrders.cs'));
    const [diagnostic] = withCode(await waitForDiagnostics(editor.document.uri, (d) => withCode(d, 'sas-blob-uri').length > 0), 'sas-blob-uri');
    const actions = await codeActions(editor.document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes(SYSTEM_FIX), titles.join(' | '));
    assert.ok(titles.includes(`Use managed identity ingest-mi (${INGEST_MI.objectId})`), titles.join(' | '));
    const system = actions.find((a) => a.title === SYSTEM_FIX)!;
    assert.equal(system.isPreferred, true);
    assert.equal(actions.find((a) => a.title.startsWith('Use managed identity ingest-mi'))!.isPreferred, false);

    const userAssigned = actions.find((a) => a.title.startsWith('Use managed identity ingest-mi'))!;
    assert.ok(await vscode.workspace.applyEdit(userAssigned.edit!));
    const text = editor.document.getText();
    assert.ok(text.includes(`"https://contosodata.blob.core.windows.net/orders/2026/11/orders.csv;managed_identity=${INGEST_MI.objectId}"`));
    assert.ok(!text.includes('sig='));
    await waitForDiagnostics(editor.document.uri, (d) => withCode(d, 'sas-blob-uri').length === 0, 'the diagnostic to clear');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('fixes every SAS URI of a file with source.fixAll', async () => {
    const editor = await openDocument(workspaceFile('kql/ingest.kql'));
    await waitForDiagnostics(editor.document.uri, (d) => withCode(d, 'sas-blob-uri').length === 1);
    const actions = await codeActions(editor.document.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.kustoMi');
    assert.equal(actions.length, 1, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(actions[0].edit!));
    const text = editor.document.getText();
    assert.ok(text.includes(".ingest into table Orders (h'https://contosodata.blob.core.windows.net/orders/2026/11/orders.csv;managed_identity=system')"), text);
    assert.ok(!text.includes('sig='));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('explains the URI on hover without showing the signature', async () => {
    const editor = await openDocument(workspaceFile('src/ingest_events.py'));
    const [diagnostic] = withCode(await waitForDiagnostics(editor.document.uri, (d) => withCode(d, 'sas-blob-uri').length > 0), 'sas-blob-uri');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, diagnostic.range.start.translate(0, 10));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /contosodata/);
    assert.match(text, /events/);
    assert.match(text, /read/i);
    assert.match(text, /2026-12-31/);
    assert.ok(!text.includes('PyFakeSignature'), 'the hover leaks the signature');
  });

  it('updates while typing in an unsaved editor and clears when the SAS goes', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: 'x = 1\n' });
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((b) => b.insert(new vscode.Position(1, 0),
      'url = "https://acct.blob.core.windows.net/c/f.csv?sv=2022-11-02&sp=r&sig=TypedFakeSig1234567890abcdefghij%3D"\n'));
    const [diagnostic] = withCode(await waitForDiagnostics(document.uri, (d) => withCode(d, 'sas-blob-uri').length === 1), 'sas-blob-uri');
    await editor.edit((b) => b.delete(diagnostic.range));
    await waitForDiagnostics(document.uri, (d) => d.length === 0, 'the diagnostic to clear');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('takes the severity from the setting and honours excludes', async () => {
    const editor = await openDocument(workspaceFile('src/ingestMetrics.ts'));
    await waitForDiagnostics(editor.document.uri, (d) => withCode(d, 'sas-blob-uri').length === 1);
    const restoreSeverity = await withSetting('diagnostics.severity', 'error');
    try {
      await waitForDiagnostics(editor.document.uri, (d) => withCode(d, 'sas-blob-uri')[0]?.severity === vscode.DiagnosticSeverity.Error, 'error severity');
    } finally {
      await restoreSeverity();
    }
    const restoreExclude = await withSetting('diagnostics.exclude', ['src/ingestMetrics.ts']);
    try {
      await waitForDiagnostics(editor.document.uri, (d) => d.length === 0, 'excluded file to lose its diagnostics');
    } finally {
      await restoreExclude();
    }
    await waitForDiagnostics(editor.document.uri, (d) => withCode(d, 'sas-blob-uri').length === 1, 'diagnostics back after the exclude is removed');
  });

  it('clears diagnostics when the document closes', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'shellscript',
      content: 'az storage blob download --blob-url "https://acct.blob.core.windows.net/c/f.csv?sv=2022-11-02&sp=r&sig=ShellFakeSig1234567890abcdefghij%3D"\n' });
    await vscode.window.showTextDocument(document);
    await waitForDiagnostics(document.uri, (d) => withCode(d, 'sas-blob-uri').length === 1);
    const closed = new Promise<void>((resolve) => {
      const listener = vscode.workspace.onDidCloseTextDocument((d) => {
        if (d.uri.toString() === document.uri.toString()) {
          listener.dispose();
          resolve();
        }
      });
    });
    // Reverting an untitled editor disposes its document at once.
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await closed;
    await waitForDiagnostics(document.uri, (d) => d.length === 0, 'diagnostics of the closed document to clear');
  });

  it('converts every SAS URI in the workspace through the refactor preview', async () => {
    // Unsaved text counts: add a SAS URI to an open document without saving.
    const editor = await openDocument(workspaceFile('src/ingestMetrics.ts'));
    await editor.edit((b) => b.insert(new vscode.Position(0, 0),
      "const extra = 'https://other.dfs.core.windows.net/fs/dir/a.parquet?sig=UnsavedFakeSig0987654321abcdefg%3D&sv=2022-11-02&sp=r';\n"));
    let finished = false;
    const converting = vscode.commands.executeCommand<number>('kustoMi.convertWorkspaceSasUris', 'system')
      .then((n) => { finished = true; return n; });
    // The edit needs confirmation: VS Code shows it in the refactor preview. Apply it there, as a user would.
    await waitFor('the refactor preview to be applied', async () => {
      if (finished) return true;
      await vscode.commands.executeCommand('refactorPreview.apply').then(undefined, () => undefined);
      return undefined;
    }, 20_000);
    const count = await converting;
    assert.ok(count >= 5, `converted ${count} URIs`);
    for (const file of ['src/IngestOrders.cs', 'src/ingest_events.py', 'src/ingestMetrics.ts', 'kql/ingest.kql']) {
      const document = await vscode.workspace.openTextDocument(workspaceFile(file));
      assert.ok(!document.getText().includes('sig='), `${file} still holds a signature`);
      assert.ok(document.getText().includes(';managed_identity=system'), `${file} was not rewritten`);
    }
    assert.ok(editor.document.getText().includes("'https://other.dfs.core.windows.net/fs/dir/a.parquet;managed_identity=system'"));
    await vscode.commands.executeCommand('workbench.action.files.saveAll');
  });
});
