// Runs inside the real VS Code host for the activation benchmark: opens a C#
// file (a documented activation event), waits for activation and prints the
// time activate() took, as measured by the extension itself.
import * as vscode from 'vscode';

const EXTENSION_ID = 'kusto-mi-tools.kusto-managed-identity';

export async function run(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder');
  const extension = vscode.extensions.getExtension<{ activationMs: number }>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} not found`);
  const started = Date.now();
  await vscode.window.showTextDocument(vscode.Uri.joinPath(folder.uri, 'src', 'IngestOrders.cs'));
  while (!extension.isActive) {
    if (Date.now() - started > 20_000) throw new Error('the extension did not activate');
    await new Promise((r) => setTimeout(r, 10));
  }
  console.log(`BENCH activationMs=${extension.exports.activationMs.toFixed(3)}`);
}
