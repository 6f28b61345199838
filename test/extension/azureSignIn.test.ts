// Sign-in through @microsoft/vscode-azext-azureauth, with the library's own
// seam (an AzureSubscriptionProvider) answering for the local ARM server
// instead of Entra: discovery looks in the subscriptions the provider shows,
// tenant by tenant, with a tenant picker; the session it hands out reaches the
// Kusto cluster; signing out reloads the tree without a window reload; "Sign
// in to another tenant" offers the tenants without a session.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestingApi, ExtensionApi } from '../../src/extension';
import type { Prompts } from '../../src/ui/prompts';
import { DEMO_SUBSCRIPTION_ID, DEMO_TENANT_ID } from '../servers/kusto';
import { LocalSubscriptionProvider } from './support/azureProvider';
import { ourExtension, waitFor } from './support/extension';
import { resetKusto, startLocalServers, type LocalServers } from './support/servers';
import { withSetting } from './support/settings';
import { clusterTreeReader, label } from './support/tree';

const OTHER_TENANT = '5b3e2c1d-0000-4aaa-9bbb-0000000000b2';
const OTHER_SUBSCRIPTION = '7c6d5e4f-0000-4ccc-8ddd-0000000000c3';
const TOKEN = 'azureauth-session-token-3c9f1a7e5b';


describe('sign-in through the Azure sign-in library', function () {
  this.timeout(60_000);
  let servers: LocalServers;
  let testing: TestingApi;
  let provider: LocalSubscriptionProvider;
  let restoreProvider: (() => void) | undefined;
  let restorePrompts: (() => void) | undefined;
  let restoreSettings: (() => Promise<void>)[] = [];
  const errors: string[] = [];

  const tree = () => testing.clusterTree;
  const { children, item } = clusterTreeReader(() => testing);

  before(async () => {
    servers = await startLocalServers();
    await ourExtension().activate();
    testing = (ourExtension().exports as ExtensionApi).testing;
  });
  beforeEach(async () => {
    resetKusto(servers.kusto);
    servers.arm.requests.length = 0;
    errors.length = 0;
    restoreSettings = [
      await withSetting('auth.method', 'vscode'),
      await withSetting('armEndpoint', servers.arm.url),
      await withSetting('clusters', []),
    ];
    provider = new LocalSubscriptionProvider(servers.arm.url, [
      { tenantId: DEMO_TENANT_ID, displayName: 'Contoso', subscriptions: [{ subscriptionId: DEMO_SUBSCRIPTION_ID, name: 'Contoso Data' }] },
      { tenantId: OTHER_TENANT, displayName: 'Contoso Labs', subscriptions: [{ subscriptionId: OTHER_SUBSCRIPTION, name: 'Labs' }] },
    ], TOKEN);
    provider.signedIn.add(DEMO_TENANT_ID);
    restoreProvider = tree().auth.account!.useProvider(provider);
  });
  afterEach(async () => {
    restorePrompts?.();
    restoreProvider?.();
    for (const undo of restoreSettings.reverse()) await undo();
  });
  after(async () => {
    await servers.close();
  });

  function answer(prompts: Partial<Prompts>): void {
    restorePrompts?.();
    restorePrompts = testing.setPrompts({ info: () => undefined, error: (m) => void errors.push(m), ...prompts });
  }

  it('Discover Clusters looks in the provider\'s subscriptions, and the same sign-in reaches the cluster', async () => {
    answer({ pickMany: async (items) => items.filter((i) => i.label === 'demo') });
    const added = await vscode.commands.executeCommand<string[]>('kustoMi.discoverClusters');
    assert.deepEqual(added, [servers.kusto.url], errors.join('\n'));
    const armCalls = servers.arm.requests.filter((r) => r.path.includes('Microsoft.Kusto'));
    assert.ok(armCalls.length > 0 && armCalls.every((r) => r.token === TOKEN && r.path.includes(DEMO_SUBSCRIPTION_ID)), JSON.stringify(armCalls));
    assert.ok(!servers.arm.requests.some((r) => /^\/subscriptions\/?$/.test(r.path)), 'subscriptions come from the library, not a second listing');

    // The tree loads the new cluster with the provider's session: no second sign-in.
    const cluster = await waitFor('the discovered cluster', async () => (await children()).find((n) => label(item(n)) === 'demo'));
    const groups = await children(cluster);
    const databases = groups.find((n) => label(item(n)) === 'Databases');
    assert.ok(databases, `groups: ${groups.map((n) => label(item(n))).join(', ')}`);
    assert.ok((await children(databases)).length >= 4);
    const mgmt = servers.kusto.requests.filter((r) => r.endpoint === 'mgmt');
    assert.ok(mgmt.length > 0 && mgmt.every((r) => r.token === TOKEN));
  });

  it('several signed-in tenants: a tenant picker, each tenant read with its own subscription', async () => {
    provider.signedIn.add(OTHER_TENANT);
    let offered: string[] = [];
    answer({
      pickMany: async (items) => {
        const first = items[0] as vscode.QuickPickItem & { group?: unknown };
        if (first.group) {
          offered = items.map((i) => `${i.label} ${i.description} ${i.picked}`);
          return items.filter((i) => i.label === 'Contoso');
        }
        return items.filter((i) => i.label === 'demo');
      },
    });
    const added = await vscode.commands.executeCommand<string[]>('kustoMi.discoverClusters');
    assert.deepEqual(offered, [`Contoso ${DEMO_TENANT_ID} true`, `Contoso Labs ${OTHER_TENANT} true`]);
    assert.deepEqual(added, [servers.kusto.url], errors.join('\n'));
    assert.ok(!servers.arm.requests.some((r) => r.path.includes(OTHER_SUBSCRIPTION)), 'a tenant not picked is not read');
  });

  it('signing out elsewhere reloads the tree without a window reload; signing in again brings it back', async () => {
    restoreSettings.push(await withSetting('clusters', [{ url: servers.kusto.url, name: 'demo', resourceId: servers.resourceId }]));
    /** What the Databases group shows now (the tree's cache, or a fresh load after a reconnect). */
    const databases = async () => {
      const cluster = (await children()).find((n) => label(item(n)) === 'demo');
      const group = cluster && (await children(cluster)).find((n) => label(item(n)) === 'Databases');
      return group ? children(group) : [];
    };
    const shows = (want: string) => async () => ((await databases()).some((n) => label(item(n)) === want) ? true : undefined);
    await waitFor('the databases', shows('Telemetry'));

    provider.signOutEverywhere();
    const error = await waitFor('the sign-in error node', async () => (await databases()).find((n) => item(n).contextValue === 'error.auth'));
    assert.match(label(item(error)), /sign/i);
    const menu = (ourExtension().packageJSON as { contributes: { menus: Record<string, { command: string; when?: string }[]> } }).contributes.menus['view/item/context'];
    assert.ok(menu.some((m) => m.command === 'kustoMi.signInToTenant' && m.when?.includes('error.auth')), 'the error node offers Sign in to another tenant');

    provider.signInElsewhere(DEMO_TENANT_ID);
    await waitFor('the databases again', shows('Telemetry'));
  });

  it('Sign In asks the library\'s provider (account picker) when no one is signed in, and says who is', async () => {
    provider.signedIn.clear();
    const infos: string[] = [];
    answer({ info: (m) => void infos.push(m) });
    assert.equal(await vscode.commands.executeCommand('kustoMi.signIn'), true, errors.join('\n'));
    assert.deepEqual(provider.signInCalls, [undefined]);
    assert.deepEqual(infos, ['Signed in to Microsoft as dev@contoso.test.']);
  });

  it('Sign In to Another Tenant offers only the tenants without a session, and signs in to the one picked', async () => {
    let offered: string[] = [];
    answer({
      pickOne: async (items) => {
        offered = items.map((i) => `${i.label} | ${i.description}`);
        return items[0];
      },
    });
    const tenant = await vscode.commands.executeCommand<string | undefined>('kustoMi.signInToTenant');
    assert.equal(tenant, OTHER_TENANT, errors.join('\n'));
    assert.deepEqual(offered, [`Contoso Labs | ${OTHER_TENANT}`]);
    assert.deepEqual(provider.signInCalls, [OTHER_TENANT]);
    assert.ok(provider.signedIn.has(OTHER_TENANT));
  });
});
