// The KQL language server in the real editor: Kusto's parser reports syntax
// errors and completes commands, alongside our own managed-identity features.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors } from './support/diagnostics';
import { waitFor } from './support/extension';

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
});
