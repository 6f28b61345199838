// The extension activates lazily, on the documented events only, and then
// contributes its commands, view container and tree view.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ourExtension, waitFor, workspaceFile } from './support/extension';

interface Manifest {
  activationEvents: string[];
  contributes: {
    commands: { command: string; category?: string }[];
    viewsContainers: { activitybar: { id: string }[] };
    views: Record<string, { id: string }[]>;
  };
}

describe('activation', () => {
  const manifest = (): Manifest => ourExtension().packageJSON as Manifest;

  it('is not active before a documented event', () => {
    // The suite starts with only the workspace open: no editor, no view shown.
    assert.equal(ourExtension().isActive, false);
  });

  it('declares lazy activation events only', () => {
    const events = manifest().activationEvents;
    assert.ok(!events.includes('*'), 'activation on * is not lazy');
    assert.ok(!events.includes('onStartupFinished'));
    for (const event of events) assert.match(event, /^(onLanguage|onView|onCommand):/);
    for (const language of ['csharp', 'python', 'typescript', 'go', 'kusto']) {
      assert.ok(events.includes(`onLanguage:${language}`), `missing onLanguage:${language}`);
    }
  });

  it('activates when a C# file is opened', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceFile('src/IngestOrders.cs')));
    await waitFor('activation', () => (ourExtension().isActive ? true : undefined));
    const api = ourExtension().exports as { activationMs: number };
    assert.equal(typeof api.activationMs, 'number');
    assert.ok(api.activationMs >= 0);
  });

  it('registers every contributed command, each with a category', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const command of manifest().contributes.commands) {
      assert.ok(registered.has(command.command), `${command.command} is contributed but not registered`);
      assert.equal(command.category, 'Kusto MI');
    }
  });

  it('contributes the view container and the cluster tree view', async () => {
    const contributes = manifest().contributes;
    assert.ok(contributes.viewsContainers.activitybar.some((c) => c.id === 'kustoMi'));
    assert.ok(contributes.views.kustoMi.some((v) => v.id === 'kustoMi.clusters'));
    // Focusing the view only works when the view really exists in the workbench.
    await vscode.commands.executeCommand('kustoMi.clusters.focus');
  });

  it('ships its icons', () => {
    const root = ourExtension().extensionPath;
    for (const file of ['media/icon.png', 'media/activity-bar.svg']) {
      assert.ok(fs.existsSync(path.join(root, file)), `${file} is missing`);
    }
  });
});
