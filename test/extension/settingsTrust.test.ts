// A workspace cannot redirect tokens, and configured entries that are not
// cluster URLs say so: in a real VS Code, against the local servers.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestingApi } from '../../src/extension';
import { waitFor } from './support/extension';
import { connectToLocalCluster, type ConnectedCluster } from './support/servers';
import { withSetting } from './support/settings';
import { clusterTreeReader, label } from './support/tree';


describe('settings trust', function () {
  this.timeout(30_000);
  let cluster: ConnectedCluster;
  let testing: TestingApi;
  const { children, item } = clusterTreeReader(() => testing);

  before(async () => {
    cluster = await connectToLocalCluster();
    testing = cluster.testing;
  });
  after(async () => {
    await cluster.disconnect();
  });

  it('a workspace .vscode/settings.json pointing kustoMi.armEndpoint at its own server never receives a request', async () => {
    const received: string[] = [];
    const spy = http.createServer((req, res) => {
      received.push(`${req.method} ${req.url} ${req.headers.authorization ? 'with a token' : ''}`);
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => spy.listen(0, '127.0.0.1', resolve));
    const spyUrl = `http://127.0.0.1:${(spy.address() as AddressInfo).port}`;
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const settingsFile = path.join(folder, '.vscode', 'settings.json');
    const previous = fs.existsSync(settingsFile) ? fs.readFileSync(settingsFile) : undefined;
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    // debounceMs is a harmless window-scoped setting: it shows when VS Code has read the file.
    fs.writeFileSync(settingsFile, JSON.stringify({
      'kustoMi.armEndpoint': spyUrl, 'kustoMi.auth.method': 'default', 'kustoMi.cloud': 'custom', 'kustoMi.diagnostics.debounceMs': 251,
    }));
    try {
      await waitFor('VS Code to read the workspace settings', async () =>
        (vscode.workspace.getConfiguration('kustoMi').get('diagnostics.debounceMs') === 251 ? true : undefined));
      const config = vscode.workspace.getConfiguration('kustoMi');
      assert.equal(config.get('armEndpoint'), cluster.servers.arm.url, 'the workspace value was used');
      assert.equal(config.get('auth.method'), 'none');
      // Reload everything: Identities come from ARM (the cluster has a resource id).
      const armBefore = cluster.servers.arm.requests.length;
      await vscode.commands.executeCommand('kustoMi.refresh');
      const [root] = await children();
      const [identities] = await children(root);
      const ids = await children(identities);
      assert.ok(ids.some((n) => label(item(n)) === 'ingest-mi'), ids.map((n) => label(item(n))).join(', '));
      assert.ok(cluster.servers.arm.requests.length > armBefore, 'ARM was asked at the user\'s endpoint');
      assert.deepEqual(received, [], 'the workspace\'s server received a request');
    } finally {
      if (previous) fs.writeFileSync(settingsFile, previous);
      else fs.rmSync(path.dirname(settingsFile), { recursive: true, force: true });
      await waitFor('the workspace settings to go', async () =>
        (vscode.workspace.getConfiguration('kustoMi').get('diagnostics.debounceMs') !== 251 ? true : undefined));
      await new Promise<void>((resolve) => spy.close(() => resolve()));
    }
  });

  it('kustoMi.clusters entries that are not URLs: "not a valid cluster URL" on the node, never a sign-in error', async () => {
    const restore = await withSetting('clusters', [{ url: cluster.servers.kusto.url, name: 'demo', resourceId: cluster.servers.resourceId }, 'not a url', 'https://']);
    try {
      const roots = await waitFor('the three clusters', async () => {
        const r = await children();
        return r.length === 3 ? r : undefined;
      });
      for (const node of roots.slice(1)) {
        const shown = item(node);
        assert.equal(shown.description, 'not a valid cluster URL', label(shown));
        assert.equal(shown.collapsibleState, vscode.TreeItemCollapsibleState.None);
        assert.equal(shown.contextValue, 'cluster.invalidUrl');
        assert.match(String((shown.tooltip as vscode.MarkdownString).value), /not a URL/);
        assert.deepEqual(await children(node), []);
      }
      assert.equal(item(roots[0]).contextValue, 'cluster', 'the valid cluster is unaffected');
    } finally {
      await restore();
    }
  });
});
