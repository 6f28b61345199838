// Benchmark: read the managed_identity policy of every database of a
// 1,000-database cluster, 50 ms of injected latency per request, with the
// bounded parallel loader and serially. The serial time is estimated from a
// sample of 50 databases (a full serial run takes about a minute).
// Then the Clusters tree at scale: a 5,000-database cluster, Databases
// expanded (first paint: the database nodes are there), every summary filled
// in, a refresh, and the heap growth (goals: first paint <= 1 s, growth <= 50 MB).
// The Kusto server runs in a worker thread, as a real cluster runs elsewhere,
// so the figures measure the client. Build like the tests (esbuild, cjs); run with node.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { ManagedIdentityPolicyClient } from '../../src/clients/kusto';
import { largeClusterState, startKustoServer } from '../servers/kusto';
import { contributes } from '../../package.json';
import { DatabaseNode } from '../../src/views/clusterTree/model/nodes/databaseNode';
import { ClusterTreeModel } from '../../src/views/clusterTree/model/treeModel';

const TREE_DATABASES = 5000;
const FIRST_PAINT_GOAL_MS = 1000;
const GROWTH_GOAL_MB = 50;

const DATABASES = 1000;
const LATENCY_MS = 50;
const SERIAL_SAMPLE = 50;
const GOAL_MS = 1500;
/** What the tree uses unless `kustoMi.maxParallelRequests` is changed. */
const DEFAULT_CONCURRENCY = contributes.configuration.properties['kustoMi.maxParallelRequests'].default;
const CONCURRENCIES = [...new Set([16, DEFAULT_CONCURRENCY, 64])].sort((a, b) => a - b);

type ToServer = { op: 'latency'; ms: number } | { op: 'requests' } | { op: 'close' };

/** Worker side: the server, driven by messages. */
async function serve(databases: number): Promise<void> {
  const server = await startKustoServer({ seed: largeClusterState(databases) });
  parentPort!.on('message', (m: ToServer) => {
    if (m.op === 'latency') {
      server.faults.setLatency(m.ms);
      parentPort!.postMessage({ ok: true });
    } else if (m.op === 'requests') {
      parentPort!.postMessage({ count: server.requests.filter((r) => r.endpoint === 'mgmt').length });
    } else {
      void server.close().then(() => process.exit(0));
    }
  });
  parentPort!.postMessage({ url: server.url });
}

async function main(): Promise<void> {
  await policyLoad();
  await treeAtScale();
}

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1_048_576;
}

/** The Clusters tree's model (what the view asks for) on a 5,000-database cluster. */
async function treeAtScale(): Promise<void> {
  const worker = new Worker(__filename, { workerData: TREE_DATABASES });
  const ask = <T>(message?: ToServer) => new Promise<T>((resolve) => {
    worker.once('message', resolve);
    if (message) worker.postMessage(message);
  });
  const { url } = await ask<{ url: string }>();
  const credential = { getToken: async () => ({ token: 'bench-token', expiresOnTimestamp: Date.now() + 3_600_000 }) };
  const clients: ManagedIdentityPolicyClient[] = [];
  const model = new ClusterTreeModel({
    client: (u) => clients[0] ?? (clients.push(new ManagedIdentityPolicyClient(u, credential)), clients[0]),
    armIdentities: async () => undefined,
    concurrency: DEFAULT_CONCURRENCY,
    publishIdentities: () => undefined,
  }, () => [{ url, name: 'bench' }]);
  try {
    const root = model.roots()[0];
    await root.children(); // the cluster policy, the SDK and the auth metadata first
    const before = heapMb();
    const requestsBefore = (await ask<{ count: number }>({ op: 'requests' })).count;
    const databases = root.groupNodes().databases;
    let started = performance.now();
    const nodes = (await databases.children()).filter((n): n is DatabaseNode => n instanceof DatabaseNode);
    const firstPaint = Math.round(performance.now() - started);
    const paintRequests = (await ask<{ count: number }>({ op: 'requests' })).count - requestsBefore;
    const filled = () => nodes.every((n) => n.failed !== undefined || n.nativeIngestion.state !== 'unknown');
    while (!filled()) await new Promise((r) => setTimeout(r, 10));
    const allFilled = Math.round(performance.now() - started);
    const growth = heapMb() - before;
    const totalRequests = (await ask<{ count: number }>({ op: 'requests' })).count - requestsBefore;
    // Showing the group again (the view re-renders it) must not ask the cluster anything.
    const beforeRender = (await ask<{ count: number }>({ op: 'requests' })).count;
    await databases.children();
    const renderRequests = (await ask<{ count: number }>({ op: 'requests' })).count - beforeRender;
    databases.invalidate();
    started = performance.now();
    await databases.children();
    const refreshPaint = Math.round(performance.now() - started);
    const verdict = (ok: boolean, goal: string) => `(${ok ? 'meets' : 'misses'} the ${goal} goal)`;
    console.log(`tree, ${nodes.length} databases: first paint of Databases ${firstPaint} ms after ${paintRequests} requests ${verdict(firstPaint <= FIRST_PAINT_GOAL_MS, `${FIRST_PAINT_GOAL_MS} ms`)}`);
    console.log(`tree, ${nodes.length} databases: every NativeIngestion summary filled in ${allFilled} ms, ${totalRequests} requests`);
    console.log(`tree, ${nodes.length} databases: heap growth ${growth.toFixed(1)} MB ${verdict(growth <= GROWTH_GOAL_MB, `${GROWTH_GOAL_MB} MB`)}`);
    console.log(`tree, ${nodes.length} databases: showing Databases again sent ${renderRequests} requests; Refresh painted in ${refreshPaint} ms`);
  } finally {
    model.reset();
    for (const c of clients) c.dispose();
    worker.postMessage({ op: 'close' } satisfies ToServer);
  }
}

async function policyLoad(): Promise<void> {
  const worker = new Worker(__filename, { workerData: DATABASES });
  const ask = <T>(message?: ToServer) => new Promise<T>((resolve) => {
    worker.once('message', resolve);
    if (message) worker.postMessage(message);
  });
  const { url } = await ask<{ url: string }>();
  const credential = { getToken: async () => ({ token: 'bench-token', expiresOnTimestamp: Date.now() + 3_600_000 }) };
  const client = new ManagedIdentityPolicyClient(url, credential);
  try {
    const names = (await client.listDatabases()).map((d) => d.name); // loads the SDK and the auth metadata first
    await ask({ op: 'latency', ms: LATENCY_MS });
    const lines: string[] = [];
    for (const concurrency of CONCURRENCIES) {
      const started = performance.now();
      const results = await client.loadAllDatabasePolicies(names, { concurrency });
      const ms = Math.round(performance.now() - started);
      const failed = results.filter((r) => 'error' in r).length;
      if (failed > 0) throw new Error(`${failed} databases failed`);
      const note = concurrency === DEFAULT_CONCURRENCY ? 'the default, kustoMi.maxParallelRequests' : 'opt-in';
      lines.push(`policy load, ${DATABASES} databases, parallel (concurrency ${concurrency}, ${note}): ${ms} ms ${ms <= GOAL_MS ? '(meets' : '(misses'} the ${GOAL_MS} ms goal)`);
    }
    const started = performance.now();
    for (const name of names.slice(0, SERIAL_SAMPLE)) await client.getDatabasePolicy(name);
    const serialMs = Math.round(((performance.now() - started) / SERIAL_SAMPLE) * DATABASES);
    lines.push(`policy load, ${DATABASES} databases, serial: ${serialMs} ms (estimated: ${SERIAL_SAMPLE} databases timed, times ${DATABASES / SERIAL_SAMPLE})`);
    lines.push(`note: at ${LATENCY_MS} ms a request, ${DATABASES} requests in ${GOAL_MS} ms need at least ${Math.ceil((DATABASES * LATENCY_MS) / GOAL_MS)} in flight`);
    for (const line of lines) console.log(line);
  } finally {
    client.dispose();
    worker.postMessage({ op: 'close' } satisfies ToServer);
  }
}

(isMainThread ? main() : serve(workerData as number)).catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
