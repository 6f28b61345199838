// Multi-tenant accounts through the Azure sign-in library's seam (an
// AzureSubscriptionProvider over the local ARM server): each cluster's Kusto
// token comes from the cluster's own tenant (saved by discovery, or the tenant
// of the subscription its resource id names); a cluster whose tenant has no
// session shows an auth error whose "Sign In to Another Tenant" signs in to
// exactly that tenant and loads the cluster again.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi, TestingApi } from '../../src/extension';
import { DEMO_SUBSCRIPTION_ID, DEMO_TENANT_ID } from '../servers/kusto';
import { LocalSubscriptionProvider } from './support/azureProvider';
import { ourExtension, waitFor } from './support/extension';
import { resetKusto, startLocalServers, type LocalServers } from './support/servers';
import { withSetting } from './support/settings';
import { clusterTreeReader, label } from './support/tree';

const LABS_TENANT = '5b3e2c1d-0000-4aaa-9bbb-0000000000d4';
const LABS_SUBSCRIPTION = '7c6d5e4f-0000-4ccc-8ddd-0000000000e5';
const HOME_TOKEN = 'home-tenant-session-token-71c2';
const LABS_TOKEN = 'labs-tenant-session-token-94e8';


describe('each cluster signs in to its own tenant', function () {
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
  /** What the cluster's Databases group shows now. */
  const databases = async (cluster: string) => {
    const root = (await children()).find((n) => label(item(n)) === cluster);
    const group = root && (await children(root)).find((n) => label(item(n)) === 'Databases');
    return group ? children(group) : [];
  };
  const mgmtTokens = () => [...new Set(servers.kusto.requests.filter((r) => r.endpoint === 'mgmt').map((r) => r.token))];

  before(async () => {
    servers = await startLocalServers();
    await ourExtension().activate();
    testing = (ourExtension().exports as ExtensionApi).testing;
  });
  beforeEach(async () => {
    resetKusto(servers.kusto);
    errors.length = 0;
    restoreSettings = [
      await withSetting('auth.method', 'vscode'),
      await withSetting('armEndpoint', servers.arm.url),
      await withSetting('clusters', []),
    ];
    provider = new LocalSubscriptionProvider(servers.arm.url, [
      { tenantId: DEMO_TENANT_ID, displayName: 'Contoso', subscriptions: [{ subscriptionId: DEMO_SUBSCRIPTION_ID, name: 'Contoso Data' }], token: HOME_TOKEN },
      { tenantId: LABS_TENANT, displayName: 'Contoso Labs', subscriptions: [{ subscriptionId: LABS_SUBSCRIPTION, name: 'Labs' }], token: LABS_TOKEN },
    ], HOME_TOKEN);
    provider.signedIn.add(DEMO_TENANT_ID);
    restoreProvider = tree().auth.account!.useProvider(provider);
    restorePrompts = testing.setPrompts({
      info: () => undefined,
      error: (m) => void errors.push(m),
      pickOne: async () => assert.fail('no tenant picker: the node names its tenant'),
    });
  });
  afterEach(async () => {
    restorePrompts?.();
    restoreProvider?.();
    for (const undo of restoreSettings.reverse()) await undo();
  });
  after(async () => {
    await servers.close();
  });

  it('a cluster whose resource id is in another signed-in tenant\'s subscription gets that tenant\'s token', async () => {
    provider.signedIn.add(LABS_TENANT);
    const resourceId = `/subscriptions/${LABS_SUBSCRIPTION}/resourceGroups/labs-rg/providers/Microsoft.Kusto/clusters/labs`;
    restoreSettings.push(await withSetting('clusters', [{ url: servers.kusto.url, name: 'labs', resourceId }]));
    await waitFor('the databases', async () => ((await databases('labs')).some((n) => label(item(n)) === 'Telemetry') ? true : undefined));
    assert.deepEqual(mgmtTokens(), [LABS_TOKEN], 'every Kusto request carries the Labs tenant\'s token');
    const arm = servers.arm.requests.filter((r) => r.path.includes(LABS_SUBSCRIPTION));
    assert.ok(arm.every((r) => r.token === LABS_TOKEN), 'the identities are read from ARM with the same tenant\'s token');
  });

  it('its tenant not signed in: an auth error naming it; Sign In to Another Tenant signs in there and the cluster loads', async () => {
    restoreSettings.push(await withSetting('clusters', [{ url: servers.kusto.url, name: 'labs', tenantId: LABS_TENANT }]));
    const error = await waitFor('the sign-in error node', async () => (await databases('labs')).find((n) => item(n).contextValue === 'error.auth'));
    assert.match(label(item(error)), new RegExp(`not signed in to the cluster's tenant ${LABS_TENANT}`));
    assert.deepEqual(mgmtTokens(), [], 'no token of another tenant was sent to the cluster');

    const signedInTo = await vscode.commands.executeCommand<string | undefined>('kustoMi.signInToTenant', error);
    assert.equal(signedInTo, LABS_TENANT, errors.join('\n'));
    assert.deepEqual(provider.signInCalls, [LABS_TENANT], 'signed in to exactly the cluster\'s tenant');
    await waitFor('the databases', async () => ((await databases('labs')).some((n) => label(item(n)) === 'Telemetry') ? true : undefined));
    assert.deepEqual(mgmtTokens(), [LABS_TOKEN]);
  });

  it('the node\'s inline Sign In signs in to the cluster\'s tenant too, and its tooltip says which', async () => {
    restoreSettings.push(await withSetting('clusters', [{ url: servers.kusto.url, name: 'labs', tenantId: LABS_TENANT }]));
    const error = await waitFor('the sign-in error node', async () => (await databases('labs')).find((n) => item(n).contextValue === 'error.auth'));
    const tip = tree().resolveTreeItem(item(error), error).tooltip;
    const tipText = (tip instanceof vscode.MarkdownString ? tip.value : String(tip)).replace(/\\/g, ''); // Markdown escapes
    assert.match(tipText, new RegExp(`Sign In to Another Tenant\\*\\* \\(or \\*\\*Sign In\\*\\*\\) on this node to sign in to tenant ${LABS_TENANT}`));
    assert.equal(await vscode.commands.executeCommand('kustoMi.signIn', error), true, errors.join('\n'));
    assert.deepEqual(provider.signInCalls, [LABS_TENANT]);
    await waitFor('the databases', async () => ((await databases('labs')).some((n) => label(item(n)) === 'Telemetry') ? true : undefined));
    assert.deepEqual(mgmtTokens(), [LABS_TOKEN]);
  });

  it('Discover Clusters saves the tenant each cluster was found in', async () => {
    restorePrompts?.();
    restorePrompts = testing.setPrompts({ info: () => undefined, error: (m) => void errors.push(m), pickMany: async (items) => items.filter((i) => i.label === 'demo') });
    const added = await vscode.commands.executeCommand<string[]>('kustoMi.discoverClusters');
    assert.deepEqual(added, [servers.kusto.url], errors.join('\n'));
    const saved = vscode.workspace.getConfiguration('kustoMi').get<{ url: string; tenantId?: string }[]>('clusters') ?? [];
    assert.deepEqual(saved.map((c) => c.tenantId), [DEMO_TENANT_ID]);
  });
});
