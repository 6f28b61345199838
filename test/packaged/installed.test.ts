// The .vsix, installed into the host like a user would, activates and works.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ourExtension, waitFor, workspaceFile } from '../extension/support/extension';

describe('packaged extension', () => {
  it('is installed from the .vsix, with its bundle and without sources', () => {
    const root = ourExtension().extensionPath;
    assert.match(path.basename(root), /^kusto-mi-tools\.kusto-managed-identity-\d/);
    // vsce stores the readme and changelog in lower case and the licence as LICENSE.txt.
    const files = fs.readdirSync(root, { recursive: true }).map(String);
    const shippedFiles = new Set(files.map((f) => f.toLowerCase()));
    for (const shipped of ['dist/extension.js', 'dist/wasm/tree-sitter-c-sharp.wasm', 'package.json', 'readme.md', 'license.txt', 'changelog.md', 'media/icon.png', 'syntaxes/kusto.tmLanguage.json', 'snippets/kusto.json']) {
      assert.ok(shippedFiles.has(shipped.toLowerCase()), `${shipped} is not in the package`);
    }
    // The command-line scanner is of no use inside VS Code: it ships as the npm package.
    for (const left of ['src', 'test', 'node_modules', 'tsconfig.json', 'dist/cli.js']) {
      assert.ok(!fs.existsSync(path.join(root, left)), `${left} should not be in the package`);
    }
    // No bundle points to a source map that is not shipped.
    for (const file of files.filter((f) => f.endsWith('.js'))) {
      assert.doesNotMatch(fs.readFileSync(path.join(root, file), 'utf8'), /^\/\/# sourceMappingURL=/m, `${file} points to a source map`);
    }
  });

  it("shows the readme's pictures from the package itself", () => {
    // vsce would point them at a GitHub repository that does not exist; VS Code
    // resolves relative links against the installed extension.
    const root = ourExtension().extensionPath;
    const readme = fs.readdirSync(root).find((f) => f.toLowerCase() === 'readme.md');
    assert.ok(readme);
    const images = [...fs.readFileSync(path.join(root, readme), 'utf8').matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    assert.ok(images.length >= 2, 'the readme has no pictures');
    for (const image of images) {
      assert.doesNotMatch(image, /^[a-z]+:/i, `${image} is not a path inside the package`);
      assert.ok(fs.existsSync(path.join(root, image)), `${image} is not in the package`);
    }
  });

  it('activates on a C# file and registers its commands', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceFile('src/IngestOrders.cs')));
    await waitFor('activation', () => (ourExtension().isActive ? true : undefined));
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('kustoMi.addCluster'));
  });
});
