// A cluster that never answers its auth-metadata request (the SDK's own
// request has no deadline) must not leave the Clusters view spinning: within
// kustoMi.requestTimeoutSeconds (plus a grace for a loaded machine) the view
// shows an error node in words, and Retry loads the cluster once it answers.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi, TestingApi } from '../../src/extension';
import { ourExtension, waitFor } from './support/extension';
import { startLocalServers, type LocalServers } from './support/servers';
import { withSetting } from './support/settings';
import { clusterTreeReader, label } from './support/tree';

const TIMEOUT_SECONDS = 2;
/** Several attempts of the deadline, and a loaded machine: still far from "forever". */
const GRACE_MS = 15_000;


describe('a hung auth-metadata request in the Clusters view', function () {
  this.timeout(60_000);
  let servers: LocalServers;
  let testing: TestingApi;
  const restore: (() => Promise<void>)[] = [];

  const { children, item } = clusterTreeReader(() => testing);

  /** The view's answer for a node, or a failure naming what still spins after `ms`. */
  async function within<T>(what: string, ms: number, work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} still loading after ${ms} ms`)), ms);
    });
    try {
      return await Promise.race([work, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  before(async () => {
    // A server of its own: its URL's cloud metadata has never been read in this host.
    servers = await startLocalServers();
    servers.kusto.faults.hangNext({ endpoints: ['metadata'], count: Infinity });
    await ourExtension().activate();
    testing = (ourExtension().exports as ExtensionApi).testing;
    restore.push(
      await withSetting('auth.method', 'none'),
      await withSetting('armEndpoint', servers.arm.url),
      await withSetting('requestTimeoutSeconds', TIMEOUT_SECONDS),
      await withSetting('clusters', [{ url: servers.kusto.url, name: 'silent' }]),
    );
  });
  after(async () => {
    for (const undo of restore.reverse()) await undo();
    await servers.close();
  });

  it('shows an error node within the request timeout, and Retry loads the cluster once the server answers', async () => {
    const started = Date.now();
    const limit = TIMEOUT_SECONDS * 1000 + GRACE_MS;
    const cluster = await waitFor('the cluster node', async () => (await children()).find((n) => label(item(n)) === 'silent'));
    const groups = await within('the cluster node', limit, children(cluster));
    const databases = groups.find((n) => label(item(n)) === 'Databases');
    assert.ok(databases, `groups: ${groups.map((n) => label(item(n))).join(', ')}`);
    const [error] = await within('the Databases group', limit - (Date.now() - started), children(databases));
    const shown = item(error);
    assert.match(shown.contextValue ?? '', /^error/);
    assert.match(label(shown), new RegExp(`did not answer within ${TIMEOUT_SECONDS} s`));
    assert.ok(Date.now() - started <= limit, `took ${Date.now() - started} ms`);
    assert.ok(servers.kusto.requests.some((r) => r.endpoint === 'metadata'), 'the metadata request was made and left hanging');
    assert.ok(!servers.kusto.requests.some((r) => r.endpoint === 'mgmt'), 'nothing was sent before the metadata');

    servers.kusto.faults.clear();
    await vscode.commands.executeCommand('kustoMi.retry', error);
    const names = await waitFor('the databases after Retry', async () => {
      const root = (await children()).find((n) => label(item(n)) === 'silent');
      const group = root && (await children(root)).find((n) => label(item(n)) === 'Databases');
      const shownNames = group ? (await children(group)).map((n) => label(item(n))) : [];
      return shownNames.includes('Telemetry') ? shownNames : undefined;
    }, 20_000);
    assert.ok(names.length >= 4, names.join(', '));
  });
});
