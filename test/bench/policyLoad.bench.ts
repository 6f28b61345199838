// Benchmark: read the managed_identity policy of every database of a
// 1,000-database cluster, 50 ms of injected latency per request, with the
// bounded parallel loader and serially. The serial time is estimated from a
// sample of 50 databases (a full serial run takes about a minute).
// The Kusto server runs in a worker thread, as a real cluster runs elsewhere,
// so the figures measure the client. Build like the tests (esbuild, cjs); run with node.
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { ManagedIdentityPolicyClient } from '../../src/clients/kusto';
import { largeClusterState, startKustoServer } from '../servers/kusto';
import { contributes } from '../../package.json';

const DATABASES = 1000;
const LATENCY_MS = 50;
const SERIAL_SAMPLE = 50;
const GOAL_MS = 1500;
/** What the tree uses unless `kustoMi.maxParallelRequests` is changed. */
const DEFAULT_CONCURRENCY = contributes.configuration.properties['kustoMi.maxParallelRequests'].default;
const CONCURRENCIES = [...new Set([16, DEFAULT_CONCURRENCY, 64])].sort((a, b) => a - b);

type ToServer = { op: 'latency'; ms: number } | { op: 'close' };

/** Worker side: the server, driven by messages. */
async function serve(): Promise<void> {
  const server = await startKustoServer({ seed: largeClusterState(DATABASES) });
  parentPort!.on('message', (m: ToServer) => {
    if (m.op === 'latency') {
      server.faults.setLatency(m.ms);
      parentPort!.postMessage({ ok: true });
    } else {
      void server.close().then(() => process.exit(0));
    }
  });
  parentPort!.postMessage({ url: server.url });
}

async function main(): Promise<void> {
  const worker = new Worker(__filename);
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

(isMainThread ? main() : serve()).catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
