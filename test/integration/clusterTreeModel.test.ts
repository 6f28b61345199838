// The cluster tree's model (no VS Code) against the local Kusto and ARM
// servers: what each node shows, and every fault ending in an error node in
// words, with the rest of the tree still usable and no token anywhere.
import assert from 'node:assert/strict';
import { createCredential } from '../../src/auth/credentials';
import { resolveCloud } from '../../src/auth/clouds';
import { ManagedIdentityPolicyClient } from '../../src/clients/kusto';
import type { ManagedIdentityPolicyApi } from '../../src/clients/kusto/api';
import type { KnownIdentity } from '../../src/core/identity';
import { CancelledLoadError } from '../../src/views/clusterTree/model/loadable';
import { readArmIdentities } from '../../src/views/clusterTree/model/identities';
import type { ClusterNode } from '../../src/views/clusterTree/model/nodes/clusterNode';
import { DatabaseNode } from '../../src/views/clusterTree/model/nodes/databaseNode';
import { ErrorNode } from '../../src/views/clusterTree/model/nodes/errorNode';
import { IdentityNode } from '../../src/views/clusterTree/model/nodes/identityNode';
import { InfoNode } from '../../src/views/clusterTree/model/nodes/infoNode';
import { PolicyEntryNode } from '../../src/views/clusterTree/model/nodes/policyEntryNode';
import type { TreeNode } from '../../src/views/clusterTree/model/nodes/treeNode';
import { ClusterTreeModel } from '../../src/views/clusterTree/model/treeModel';
import type { ClusterServices, ClusterSource } from '../../src/views/clusterTree/model/types';
import { demoArmState, startArmServer, type ArmTestServer } from '../servers/arm';
import { DEMO_IDS, DEMO_RESOURCE_GROUP, DEMO_SUBSCRIPTION_ID, largeClusterState, startKustoServer, type KustoTestServer } from '../servers/kusto';
import { assertNoSecret, fastRetry, StaticCredential, watchUnhandledRejections } from './helpers';

const RESOURCE_ID = `/subscriptions/${DEMO_SUBSCRIPTION_ID}/resourceGroups/${DEMO_RESOURCE_GROUP}/providers/Microsoft.Kusto/clusters/demo`;

interface Harness {
  readonly model: ClusterTreeModel;
  readonly published: Map<string, readonly KnownIdentity[]>;
  readonly log: string[];
  /** The batches of database policies the background sweep reported. */
  readonly reported: string[][];
  root(): ClusterNode;
}

describe('cluster tree model', () => {
  let kusto: KustoTestServer;
  let arm: ArmTestServer;
  const credential = new StaticCredential();
  const clients: ManagedIdentityPolicyApi[] = [];
  let watch: ReturnType<typeof watchUnhandledRejections>;

  function harness(source: Partial<ClusterSource> = {}, concurrency = 4, sources?: () => ClusterSource[]): Harness {
    const published = new Map<string, readonly KnownIdentity[]>();
    const log: string[] = [];
    const reported: string[][] = [];
    const services: ClusterServices = {
      client: (url) => {
        const client = new ManagedIdentityPolicyClient(url, credential, { retry: fastRetry(), timeoutMs: 1_000, deadlineGraceMs: 300 });
        clients.push(client);
        return client;
      },
      armIdentities: async (cluster, signal) => (cluster.resourceId
        ? readArmIdentities(credential, cluster.resourceId, cluster.url, { endpoint: arm.url, signal, timeoutMs: 2_000 })
        : undefined),
      concurrency,
      publishIdentities: (url, identities) => published.set(url, identities),
      log: { warn: (m) => log.push(m) },
      policiesChanged: (_url, databases) => void reported.push([...databases]),
    };
    const cached = new Map<string, ManagedIdentityPolicyApi>();
    const memoServices: ClusterServices = { ...services, client: (url) => cached.get(url) ?? cached.set(url, services.client(url)).get(url)! };
    const model = new ClusterTreeModel(memoServices, sources ?? (() => [{ url: kusto.url, name: 'demo', ...source }]));
    return { model, published, log, reported, root: () => model.roots()[0] };
  }

  async function groups(root: ClusterNode) {
    const [identities, clusterPolicy, databases] = await root.children();
    return { identities, clusterPolicy, databases };
  }

  /** The database nodes, once the background sweep has read every policy. */
  async function databaseNodes(h: Harness): Promise<Map<string, DatabaseNode>> {
    const { databases } = await groups(h.root());
    const children = await databases.children();
    await h.root().cluster.allDatabasePolicies();
    return new Map(children.filter((n): n is DatabaseNode => n instanceof DatabaseNode).map((n) => [n.name, n]));
  }

  function messages(nodes: readonly TreeNode[]): string[] {
    return nodes.filter((n): n is ErrorNode => n instanceof ErrorNode).map((n) => n.message);
  }

  before(() => {
    watch = watchUnhandledRejections();
  });
  beforeEach(async () => {
    kusto = await startKustoServer();
    arm = await startArmServer({ state: demoArmState(kusto.url) });
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.dispose();
    await arm.close();
    await kusto.close();
  });
  after(async () => {
    await new Promise((r) => setTimeout(r, 50));
    watch.stop();
    assert.deepEqual(watch.reasons, [], 'no unhandled rejections');
  });

  it('shows Identities, Cluster policy and Databases; identities from ARM are published', async () => {
    const h = harness({ resourceId: RESOURCE_ID });
    const root = h.root();
    assert.equal(root.id, `cluster:${kusto.url}`);
    const { identities, clusterPolicy, databases } = await groups(root);
    assert.deepEqual([identities.kind, clusterPolicy.kind, databases.kind], ['identities', 'clusterPolicy', 'databases']);
    const ids = (await identities.children()) as IdentityNode[];
    assert.deepEqual(ids.map((n) => [n.identity.kind, n.identity.objectId, n.identity.displayName, n.identity.clientId]), [
      ['system', DEMO_IDS.systemPrincipalId, 'demo (system-assigned)', undefined],
      ['userAssigned', DEMO_IDS.exportPrincipalId, 'export-mi', DEMO_IDS.exportClientId],
      ['userAssigned', DEMO_IDS.ingestPrincipalId, 'ingest-mi', DEMO_IDS.ingestClientId],
    ]);
    assert.equal(h.published.get(kusto.url)?.length, 3);
    assert.ok(h.published.get(kusto.url)?.every((i) => i.cluster === kusto.url));
    const entries = (await clusterPolicy.children()) as PolicyEntryNode[];
    assert.deepEqual(entries.map((e) => [e.displayName, e.allowsNativeIngestion]), [['ingest-mi', true]]);
    assert.deepEqual((await entries[0].children()).map((u) => u.id), [`${entries[0].id}/NativeIngestion`]);
  });

  it('shows each database\'s NativeIngestion state: allowed there, inherited, or not allowed', async () => {
    const h = harness();
    let dbs = await databaseNodes(h);
    assert.deepEqual([...dbs.keys()], ['Telemetry', 'Sales', 'Staging', 'Ops-Archive']);
    assert.deepEqual([...dbs.values()].map((d) => d.nativeIngestion.state), ['database', 'cluster', 'cluster', 'cluster']);
    assert.deepEqual(dbs.get('Telemetry')!.nativeIngestion.databaseIdentities, [DEMO_IDS.systemPrincipalId]);
    assert.deepEqual((await dbs.get('Staging')!.children()).map((n) => (n as InfoNode).message), ['No managed_identity policy on this database']);
    // Every database's policy was read once, in the background.
    const shows = kusto.requests.filter((r) => r.csl?.startsWith('.show database '));
    assert.equal(shows.length, 4);

    kusto.state.clusterPolicy = null;
    const root = h.root();
    root.invalidate();
    dbs = await databaseNodes(h);
    assert.deepEqual([...dbs.values()].map((d) => d.nativeIngestion.state), ['database', 'none', 'none', 'none']);
  });

  it('without an ARM resource id: identities named in the policies, with a note', async () => {
    const h = harness();
    const { identities } = await groups(h.root());
    const children = await identities.children();
    const listed = children.filter((n): n is IdentityNode => n instanceof IdentityNode);
    assert.deepEqual(listed.map((n) => [n.identity.kind, n.identity.displayName]), [
      ['system', 'demo (system-assigned)'], ['userAssigned', 'export-mi'], ['userAssigned', 'ingest-mi'],
    ]);
    assert.match((children.at(-1) as InfoNode).message, /named in the policies/);
    assert.equal(arm.requests.length, 0);
    assert.equal(h.published.get(kusto.url)?.length, 3);
  });

  it('ARM failing: falls back to the policies and says why', async () => {
    const h = harness({ resourceId: RESOURCE_ID });
    arm.faults.failNext(403);
    const { identities } = await groups(h.root());
    const children = await identities.children();
    const note = children.at(-1) as InfoNode;
    assert.match(note.detail ?? '', /Azure Resource Manager could not be asked: .*HTTP 403/);
    assert.equal(children.filter((n) => n instanceof IdentityNode).length, 3);
    assert.ok(h.log.some((l) => /HTTP 403/.test(l)));
  });

  const faults: [string, (s: KustoTestServer) => void, RegExp][] = [
    ['401', (s) => s.faults.failNext(401, { match: /^\.show databases/ }), /rejected the access token \(HTTP 401\)\. Sign in again/],
    ['403', (s) => s.faults.failNext(403, { match: /^\.show databases/ }), /not allowed to do this \(HTTP 403\)/],
    ['429', (s) => s.faults.failNext(429, { match: /^\.show databases/, count: Infinity, retryAfterSeconds: 0 }), /throttling requests \(HTTP 429\).*Try again later/],
    ['a timeout', (s) => s.faults.hangNext({ match: /^\.show databases/ }), /did not answer within 1 s/],
  ];
  for (const [name, inject, pattern] of faults) {
    it(`${name} listing the databases: an error node in words, the cluster policy still shown, retry works`, async () => {
      const h = harness();
      inject(kusto);
      const { clusterPolicy, databases } = await groups(h.root());
      const children = await databases.children();
      assert.equal(children.length, 1);
      const [error] = children as ErrorNode[];
      assert.ok(error instanceof ErrorNode);
      assert.match(error.message, pattern);
      // After a connection fault the whole cluster is reloaded; otherwise only the failed group.
      assert.equal(error.retryTarget, name === 'a timeout' ? h.root() : databases);
      assert.equal(error.id, `${databases.id}/error`);
      assertNoSecret(error.message, credential.token);
      assert.equal((await clusterPolicy.children()).length, 1, 'the cluster policy is unaffected');
      // Re-rendering does not ask again; a retry (refresh) does.
      const asked = kusto.requests.length;
      assert.equal((await databases.children())[0], error);
      assert.equal(kusto.requests.length, asked);
      kusto.faults.clear();
      h.model.retry(error);
      assert.equal((await databases.children()).length, 4);
    });
  }

  it('Retry on one group once the cluster is back also clears a sibling group\'s stale error', async () => {
    const h = harness();
    // No ARM id: Identities come from the policies, so they fail with the cluster policy and the database list.
    kusto.faults.failNext(500, { match: /^\.show (databases|cluster policy)/, count: Infinity });
    const { identities, databases } = await groups(h.root());
    const [identitiesError] = (await identities.children()) as ErrorNode[];
    const [databasesError] = (await databases.children()) as ErrorNode[];
    assert.ok(identitiesError instanceof ErrorNode && databasesError instanceof ErrorNode);
    assert.equal(databasesError.retryTarget, databases, 'a server error retries the group only');
    kusto.faults.clear();
    h.model.retry(databasesError).invalidate();
    assert.equal((await databases.children()).length, 4);
    const ids = await identities.children();
    assert.ok(!ids.some((n) => n instanceof ErrorNode), `stale error kept: ${messages(ids).join(' | ')}`);
    assert.ok(ids.some((n) => n instanceof IdentityNode));
  });

  it('Retry after a connection error reloads the whole cluster', async () => {
    const h = harness({ resourceId: RESOURCE_ID });
    const { clusterPolicy, databases } = await groups(h.root());
    assert.equal((await databases.children()).length, 4);
    await h.root().cluster.allDatabasePolicies();
    kusto.faults.resetNext({ count: Infinity, match: /^\.show databases/ });
    databases.invalidate();
    const [error] = (await databases.children()) as ErrorNode[];
    assert.ok(error instanceof ErrorNode && error.connectionFault, error.message);
    assert.match(error.message, /connection was closed/);
    kusto.faults.clear();
    kusto.state.clusterPolicy = null; // changed while the connection was down
    const target = h.model.retry(error);
    assert.equal(target, h.root());
    assert.equal((await databases.children()).length, 4);
    const policyChildren = await clusterPolicy.children();
    assert.deepEqual(policyChildren.map((n) => n.kind), ['info'], 'the cluster policy was read again');
  });

  it('first paint of Databases: one request, the policies read in the background, reported in batches, never twice', async () => {
    const big = await startKustoServer({ seed: largeClusterState(120) });
    try {
      const h = harness({}, 4, () => [{ url: big.url, name: 'big' }]);
      big.faults.setLatency(15, /^\.show database \[/);
      const { databases } = await groups(h.root());
      const before = big.requests.length;
      const nodes = (await databases.children()).filter((n): n is DatabaseNode => n instanceof DatabaseNode);
      assert.equal(nodes.length, 120);
      assert.ok(big.requests.length - before <= 1 + 4, `first paint waited for ${big.requests.length - before} requests`);
      assert.ok(nodes.filter((n) => n.nativeIngestion.state === 'unknown').length > 100, 'the summaries fill in later');
      // A database expanded now is read at once, not after the ones before it.
      const last = nodes[119];
      const started = Date.now();
      await last.children();
      assert.ok(h.root().cluster.databasePolicyPending('db0060'), 'read ahead of its turn');
      assert.ok(Date.now() - started < 1000);
      await h.root().cluster.allDatabasePolicies();
      assert.ok(nodes.every((n) => n.nativeIngestion.state !== 'unknown'));
      const reads = () => big.requests.filter((r) => r.csl?.startsWith('.show database [')).length;
      assert.equal(reads(), 120, 'each policy read once');
      assert.ok(h.reported.length >= 1 && h.reported.length < 120, `${h.reported.length} reports`);
      assert.equal(new Set(h.reported.flat()).size, 119, 'every database the sweep read is reported');
      // Showing the group again asks nothing.
      const asked = big.requests.length;
      await databases.children();
      assert.equal(big.requests.length, asked);
      // Refresh re-reads; only what changed is reported.
      big.state.databases[6].policy = null;
      h.reported.length = 0;
      databases.invalidate();
      await databases.children();
      await h.root().cluster.allDatabasePolicies();
      assert.deepEqual(h.reported.flat(), [nodes[6].name]);
      assert.equal(nodes[6].nativeIngestion.state, 'none');
    } finally {
      await big.close();
    }
  });

  it('kustoMi.clusters entries that are not cluster URLs: nodes that say so, never connected to', async () => {
    const h = harness({}, 4, () => [{ url: 'not a url' }, { url: 'https://' }, { url: 'http://cluster.example.com' }, { url: kusto.url }]);
    const roots = h.model.roots();
    const made = clients.length;
    assert.deepEqual(roots.map((r) => r.urlProblem !== undefined), [true, true, true, false]);
    assert.match(roots[0].urlProblem ?? '', /is not a URL/);
    assert.match(roots[2].urlProblem ?? '', /https/);
    for (const r of roots.slice(0, 3)) {
      assert.equal(r.expandable, false);
      assert.deepEqual(await r.children(), []);
    }
    assert.equal(clients.length, made, 'no client was built for them');
  });

  it('the auth-metadata request never answered: every group ends in a timeout error node, none spins', async () => {
    const h = harness();
    kusto.faults.hangNext({ endpoints: ['metadata'], count: Infinity });
    const started = Date.now();
    const root = h.root();
    const groupNodes = root.groupNodes();
    const shown = await Promise.all([groupNodes.identities.children(), groupNodes.clusterPolicy.children(), groupNodes.databases.children()]);
    for (const nodes of shown) assert.match(messages(nodes)[0] ?? '', /did not answer within 1 s/);
    assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
  });

  it('401 is reported as an auth error (the view offers Sign In)', async () => {
    const h = harness();
    kusto.faults.failNext(401, { match: /^\.show cluster policy/ });
    const { clusterPolicy } = await groups(h.root());
    const [error] = (await clusterPolicy.children()) as ErrorNode[];
    assert.equal(error.category, 'auth');
  });

  it('one failing database never hides the others; retrying that database recovers it', async () => {
    const h = harness();
    kusto.faults.failNext(500, { match: /database \['Sales'\]/, count: Infinity });
    const dbs = await databaseNodes(h);
    assert.equal(dbs.size, 4);
    const sales = dbs.get('Sales')!;
    assert.ok(sales.failed);
    assert.equal(sales.nativeIngestion.state, 'cluster', 'still inherits from the cluster');
    const [error] = (await sales.children()) as ErrorNode[];
    assert.match(error.message, /internal error \(HTTP 500\) \(tried 4 times\)/);
    assert.equal(dbs.get('Telemetry')!.failed, undefined);
    assert.equal((await dbs.get('Telemetry')!.children()).length, 1);
    assert.ok(h.log.some((l) => l.includes("database 'Sales'")));
    kusto.faults.clear();
    sales.invalidate();
    await sales.preload();
    assert.equal(sales.failed, undefined);
    assert.equal((await sales.children())[0].kind, 'policyEntry');
  });

  it('reads the databases\' policies with the concurrency bound', async () => {
    const h = harness({}, 2);
    kusto.faults.setLatency(30, /^\.show database /);
    await databaseNodes(h);
    assert.ok(kusto.load.maxInFlight <= 3, `max in flight ${kusto.load.maxInFlight}`); // 2 policy reads + at most the cluster policy
  });

  it('collapsing cancels a load; expanding again loads afresh', async () => {
    const h = harness();
    kusto.faults.setLatency(400, /^\.show databases/);
    const { databases } = await groups(h.root());
    const loading = databases.children();
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    assert.equal(databases.cancel(), true);
    await assert.rejects(loading, CancelledLoadError);
    assert.ok(Date.now() - started < 200, 'cancelled at once');
    kusto.faults.clear();
    assert.equal((await databases.children()).length, 4);
  });

  it('refreshing while loading: the waiting expand gets the new load', async () => {
    const h = harness();
    kusto.faults.setLatency(300, /^\.show databases/);
    const { databases } = await groups(h.root());
    const loading = databases.children();
    await new Promise((r) => setTimeout(r, 50));
    kusto.faults.clear();
    kusto.state.databases.pop();
    databases.invalidate();
    assert.equal((await loading).length, 3);
  });

  it('auth "none" for a remote cluster: an error node that says what to change', async () => {
    const model = new ClusterTreeModel({
      client: (url) => new ManagedIdentityPolicyClient(url, createCredential('none', { cloud: resolveCloud({}), endpoint: url })),
      armIdentities: async () => undefined,
      concurrency: 4,
      publishIdentities: () => undefined,
    }, () => [{ url: 'https://help.kusto.windows.net' }]);
    const [root] = model.roots();
    const [error] = (await root.children()) as ErrorNode[];
    assert.ok(error instanceof ErrorNode);
    assert.match(error.message, /kustoMi\.auth\.method is "none".*https:\/\/help\.kusto\.windows\.net needs a sign-in/);
    assert.equal(error.category, 'auth');
  });

  it('keeps a cluster\'s model while it stays configured, and stable node ids', async () => {
    const h = harness();
    const first = h.root();
    assert.equal(h.root(), first);
    const dbs = await databaseNodes(h);
    assert.equal(dbs.get('Ops-Archive')!.id, `cluster:${kusto.url}/databases/Ops-Archive`);
    assert.equal((await databaseNodes(h)).get('Ops-Archive'), dbs.get('Ops-Archive'), 'same node object while the data is unchanged');
  });

  it('no token in any error message or log line', async () => {
    const h = harness({ resourceId: RESOURCE_ID });
    arm.faults.failNext(401);
    kusto.faults.failNext(401, { match: /^\.show cluster policy/ });
    kusto.faults.failNext(403, { match: /Telemetry/ });
    kusto.faults.failNext(500, { match: /Sales/, count: Infinity });
    const { identities, clusterPolicy } = await groups(h.root());
    const all: TreeNode[] = [...await identities.children(), ...await clusterPolicy.children()];
    for (const db of (await databaseNodes(h)).values()) all.push(...await db.children());
    const texts = [...messages(all), ...all.filter((n): n is InfoNode => n instanceof InfoNode).map((n) => `${n.message} ${n.detail ?? ''}`), ...h.log];
    assert.ok(messages(all).length >= 3, messages(all).join('\n'));
    for (const text of texts) assertNoSecret(text, credential.token);
  });
});
