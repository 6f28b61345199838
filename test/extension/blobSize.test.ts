// Missing blob sizes with managed identity, in the real editor: tree-sitter
// diagnostics per language, the exact text each quick fix writes, and
// incremental re-analysis as the user edits.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeActions, openDocument, waitForDiagnostics, withCode } from './support/diagnostics';
import { workspaceFile } from './support/extension';

const RULE = 'mi-blob-size-missing';

const cases: { file: string; language: string; flagged: string; before: string; after: string }[] = [
  {
    file: 'src/IngestOrders.cs', language: 'csharp', flagged: 'IngestFromStorageAsync',
    before: 'await client.IngestFromStorageAsync(ReturnsBlob, props, new StorageSourceOptions { DeleteSourceOnSuccess = false });',
    after: 'await client.IngestFromStorageAsync(ReturnsBlob, props, new StorageSourceOptions { DeleteSourceOnSuccess = false, Size = 0 });',
  },
  {
    file: 'src/ingest_events.py', language: 'python', flagged: 'BlobDescriptor',
    before: 'client.ingest_from_blob(BlobDescriptor(EVENTS_MI_URL), ingestion_properties=props)',
    after: 'client.ingest_from_blob(BlobDescriptor(EVENTS_MI_URL, size=0), ingestion_properties=props)',
  },
  {
    file: 'src/ingestMetrics.ts', language: 'typescript', flagged: 'BlobDescriptor',
    before: 'await client.ingestFromBlob(new BlobDescriptor(metricsMi));',
    after: 'await client.ingestFromBlob(new BlobDescriptor(metricsMi, 0));',
  },
  {
    file: 'go/ingest.go', language: 'go', flagged: 'FromFile',
    before: '_, err := ingestor.FromFile(ctx, eventsBlob, ingest.FileFormat(ingest.JSON))',
    after: '_, err := ingestor.FromFile(ctx, eventsBlob, ingest.FileFormat(ingest.JSON), ingest.RawDataSize(0))',
  },
];

describe('missing blob size with managed identity', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  for (const c of cases) {
    it(`${c.language}: flags the call and the fix adds the size`, async () => {
      const editor = await openDocument(workspaceFile(c.file));
      assert.equal(editor.document.languageId, c.language);
      const [diagnostic] = withCode(await waitForDiagnostics(editor.document.uri, (d) => withCode(d, RULE).length === 1, `${RULE} in ${c.file}`), RULE);
      assert.equal(editor.document.getText(diagnostic.range), c.flagged);
      assert.match(diagnostic.message, /size/i);
      const actions = await codeActions(editor.document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      const fix = actions.find((a) => a.title.endsWith('(let the service discover the blob size)'));
      assert.ok(fix?.edit, `no fix among ${actions.map((a) => a.title).join(' | ')}`);
      assert.equal(fix.isPreferred, true);
      const text = editor.document.getText();
      assert.ok(text.includes(c.before));
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.equal(editor.document.getText(), text.replace(c.before, c.after));
      await waitForDiagnostics(editor.document.uri, (d) => withCode(d, RULE).length === 0, 'the size diagnostic to clear');
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await waitForDiagnostics(editor.document.uri, (d) => withCode(d, RULE).length === 1, 'the diagnostic back after revert');
    });
  }

  it('re-analyses as the user edits: commenting the call out clears it, a new call is flagged', async () => {
    const editor = await openDocument(workspaceFile('src/ingest_events.py'));
    await waitForDiagnostics(editor.document.uri, (d) => withCode(d, RULE).length === 1);
    const text = editor.document.getText();
    const line = editor.document.positionAt(text.indexOf('client.ingest_from_blob(BlobDescriptor(EVENTS_MI_URL)')).line;
    await editor.edit((b) => b.insert(new vscode.Position(line, 4), '# '));
    await waitForDiagnostics(editor.document.uri, (d) => withCode(d, RULE).length === 0, 'the commented-out call to be ignored');
    await editor.edit((b) => b.insert(new vscode.Position(line + 1, 0), '    client.ingest_from_blob(BlobDescriptor(EVENTS_MI_URL))\n'));
    const [diagnostic] = withCode(await waitForDiagnostics(editor.document.uri, (d) => withCode(d, RULE).length === 1, 'the new call'), RULE);
    assert.equal(diagnostic.range.start.line, line + 1);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('does not flag a SAS URI or a call with a size', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: [
      'from azure.kusto.ingest import BlobDescriptor',
      'MI = "https://a.blob.core.windows.net/c/f.csv;managed_identity=system"',
      'SAS = "https://a.blob.core.windows.net/c/f.csv?sv=2022-11-02&sig=PlaceFakeSig1234567890abcdefghij%3D"',
      'BlobDescriptor(MI, 1024)',
      'BlobDescriptor(MI, size=0)',
      'BlobDescriptor(SAS)',
      '',
    ].join('\n') });
    await vscode.window.showTextDocument(document);
    const diagnostics = await waitForDiagnostics(document.uri, (d) => withCode(d, 'sas-blob-uri').length === 1);
    assert.equal(withCode(diagnostics, RULE).length, 0);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
