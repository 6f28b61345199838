// The walkthrough that says what to try first: contributed, with every command
// link pointing to a command that exists, every picture or page shipped, and it
// opens. The sample workspace it sends people to shows no unrelated errors.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ourExtension, waitFor, workspaceFile } from './support/extension';

interface Step { id: string; title: string; description: string; media: { image?: string; markdown?: string } }
interface Walkthrough { id: string; title: string; steps: Step[] }

function walkthrough(): Walkthrough {
  const contributed = (ourExtension().packageJSON as { contributes: { walkthroughs?: Walkthrough[] } }).contributes.walkthroughs;
  assert.ok(contributed?.length, 'no walkthrough is contributed');
  return contributed[0];
}

describe('walkthrough', () => {
  before(async () => {
    await ourExtension().activate();
  });

  it('walks through the Clusters view, the SAS hover, a quick fix and the readiness check', () => {
    const titles = walkthrough().steps.map((s) => s.title);
    assert.deepEqual(titles, ['Open the Clusters view', 'Hover a SAS URI', 'Apply a quick fix', 'Run the readiness check']);
  });

  it('links only to commands that exist, one or more per step', async () => {
    const commands = new Set(await vscode.commands.getCommands(false));
    for (const step of walkthrough().steps) {
      const links = [...step.description.matchAll(/\]\(command:([\w.-]+)/g)].map((m) => m[1]);
      assert.ok(links.length > 0, `step "${step.title}" has no command link`);
      for (const command of links) assert.ok(commands.has(command), `step "${step.title}" links to the unknown command ${command}`);
    }
  });

  it('ships the picture or page of every step', () => {
    const root = ourExtension().extensionPath;
    for (const step of walkthrough().steps) {
      const media = step.media.image ?? step.media.markdown;
      assert.ok(media, `step "${step.title}" has no media`);
      assert.ok(fs.existsSync(path.join(root, media)), `${media} is missing`);
    }
  });

  it('opens', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${ourExtension().id}#${walkthrough().id}`, false);
    const tab = await waitFor('the walkthrough tab', () => vscode.window.tabGroups.activeTabGroup.activeTab ?? undefined);
    assert.equal(tab.label, 'Welcome');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});

describe('sample workspace', () => {
  it('type-checks the TypeScript sample: its SDK comes from a typings stub, not an error', async function () {
    this.timeout(60_000);
    const uri = workspaceFile('src/ingestMetrics.ts');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    // The TypeScript server answers a hover on the SDK class once it has loaded the project.
    const offset = document.getText().lastIndexOf('QueuedClient');
    const hover = await waitFor('the TypeScript hover on QueuedClient', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, document.positionAt(offset + 2));
      const text = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
      return /class QueuedClient/.test(text) ? text : undefined;
    }, 45_000);
    assert.match(hover, /class QueuedClient/);
    // Then its diagnostics settle: only the extension's own findings, no TypeScript error or
    // warning (hints such as "declared but never read" may follow other suites' edits).
    await new Promise((r) => setTimeout(r, 2000));
    const tsErrors = vscode.languages.getDiagnostics(uri)
      .filter((d) => d.source === 'ts' && d.severity <= vscode.DiagnosticSeverity.Warning);
    assert.deepEqual(tsErrors.map((d) => d.message), []);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
