// Every failure the Kusto client can meet ends in one clear KustoRequestError,
// never an unhandled rejection, never a token in the message.
import assert from 'node:assert/strict';
import { ManagedIdentityPolicyClient, KustoRequestError, type KustoErrorKind } from '../../src/clients/kusto';
import { CLUSTER_TARGET } from '../../src/core/policy/model';
import { startKustoServer, type KustoTestServer } from '../servers/kusto';
import { assertNoSecret, fastRetry, StaticCredential, watchUnhandledRejections } from './helpers';

function expectKind(kind: KustoErrorKind, pattern: RegExp, secret: string) {
  return (e: unknown) => {
    assert.ok(e instanceof KustoRequestError, `expected a KustoRequestError, got ${String(e)}`);
    assert.equal(e.kind, kind, e.message);
    assert.match(e.message, pattern);
    assertNoSecret(e.message, secret);
    return true;
  };
}

describe('Kusto client: faults', () => {
  let server: KustoTestServer;
  let client: ManagedIdentityPolicyClient;
  let delays: number[];
  const credential = new StaticCredential();
  let watch: ReturnType<typeof watchUnhandledRejections>;

  before(() => {
    watch = watchUnhandledRejections();
  });
  beforeEach(async () => {
    server = await startKustoServer();
    delays = [];
    client = new ManagedIdentityPolicyClient(server.url, credential, { retry: fastRetry(delays), timeoutMs: 1_000, deadlineGraceMs: 300 });
  });
  afterEach(async () => {
    client.dispose();
    await server.close();
  });
  after(async () => {
    await new Promise((r) => setTimeout(r, 50)); // let stray rejections surface
    watch.stop();
    assert.deepEqual(watch.reasons, [], 'no unhandled rejections');
  });

  it('401: says to sign in again, no retry', async () => {
    server.faults.failNext(401);
    await assert.rejects(client.listDatabases(), expectKind('unauthorized', /rejected the access token \(HTTP 401\)\. Sign in again/, credential.token));
    assert.equal(server.requests.filter((r) => r.endpoint === 'mgmt').length, 1);
  });

  it('403 on a read: generic forbidden with the cluster\'s words', async () => {
    server.faults.failNext(403);
    await assert.rejects(client.getClusterPolicy(), expectKind('forbidden', /not allowed to do this \(HTTP 403\)\. The cluster said: Principal/, credential.token));
  });

  it('403 on a change: the All Database Admin explanation', async () => {
    server.faults.failNext(403, { match: /^\.alter/ });
    await assert.rejects(client.alterMergePolicy(CLUSTER_TARGET, [{ ObjectId: 'system', AllowedUsages: ['NativeIngestion'] }]),
      expectKind('forbidden', /Changing the managed_identity policy needs the All Database Admin role/, credential.token));
  });

  it('429 with Retry-After: waits what the server asked, then succeeds', async () => {
    server.faults.failNext(429, { count: 2, retryAfterSeconds: 1 });
    const dbs = await client.listDatabases();
    assert.equal(dbs.length, 4);
    assert.deepEqual(delays, [1000, 1000]);
  });

  it('429 with Retry-After, real clock: the retry comes no sooner than asked', async () => {
    const real = new ManagedIdentityPolicyClient(server.url, credential, { retry: { policy: { baseDelayMs: 5 } } });
    try {
      await real.listDatabases(); // metadata out of the way
      server.faults.failNext(429, { retryAfterSeconds: 1 });
      const started = Date.now();
      await real.listDatabases();
      assert.ok(Date.now() - started >= 1000, `retried after ${Date.now() - started} ms`);
    } finally {
      real.dispose();
    }
  });

  it('429 that never ends: throttled after bounded attempts', async () => {
    server.faults.failNext(429, { count: Infinity, retryAfterSeconds: 0 });
    await assert.rejects(client.listDatabases(), expectKind('throttled', /throttling requests \(HTTP 429\) and still refused \(tried 4 times\)/, credential.token));
    assert.equal(server.requests.filter((r) => r.endpoint === 'mgmt').length, 4);
  });

  it('500 then success: retried', async () => {
    server.faults.failNext(500);
    assert.equal((await client.listDatabases()).length, 4);
    assert.equal(delays.length, 1);
  });

  it('503 every time: service unavailable (not "internal error") after bounded attempts', async () => {
    server.faults.failNext(503, { count: Infinity });
    await assert.rejects(client.getDatabasePolicy('Sales'), expectKind('serverError', /service is unavailable \(HTTP 503\) \(tried 4 times\)/, credential.token));
    server.faults.clear().failNext(500, { count: Infinity });
    await assert.rejects(client.getDatabasePolicy('Sales'), expectKind('serverError', /internal error \(HTTP 500\)/, credential.token));
  });

  it('connection reset half-way through the body: retried, then succeeds', async () => {
    server.faults.resetMidBodyNext();
    assert.equal((await client.listDatabases()).length, 4);
    assert.equal(server.requests.filter((r) => r.fault === 'resetMidBody').length, 1);
  });

  it('connection reset half-way through every body: connection lost, not "HTTP 200"', async () => {
    server.faults.resetMidBodyNext({ count: Infinity });
    await assert.rejects(client.getDatabasePolicy('Sales'), expectKind('connectionLost', /connection was closed before the cluster answered \(tried 4 times\)/, credential.token));
  });

  it('a row shorter than its columns: an error, not "no policy"', async () => {
    server.faults.shortRowNext({ match: /policy/ });
    await assert.rejects(client.getDatabasePolicy('Telemetry'), expectKind('malformedResponse', /could not be read/, credential.token));
  });

  it('auth metadata answering 503, then a reset mid-body: retried each time, then succeeds', async () => {
    server.faults.failNext(503, { endpoints: ['metadata'] }).resetMidBodyNext({ endpoints: ['metadata'] });
    assert.equal((await client.listDatabases()).length, 4);
    assert.equal(server.requests.filter((r) => r.endpoint === 'metadata').length, 3);
  });

  it('auth metadata answering 404: the public cloud, as the SDK does', async () => {
    server.faults.failNext(404, { endpoints: ['metadata'] });
    assert.equal((await client.listDatabases()).length, 4);
  });

  it('connection reset: retried, then succeeds', async () => {
    server.faults.resetNext();
    assert.equal((await client.listDatabases()).length, 4);
  });

  it('connection reset every time: connection lost', async () => {
    server.faults.resetNext({ count: Infinity });
    await assert.rejects(client.listDatabases(), expectKind('connectionLost', /connection was closed before the cluster answered \(tried 4 times\)/, credential.token));
  });

  it('malformed body: says the answer could not be read, no retry', async () => {
    server.faults.malformedNext();
    await assert.rejects(client.getClusterPolicy(), expectKind('malformedResponse', /could not be read/, credential.token));
  });

  it('hang: client timeout in words', async () => {
    server.faults.hangNext();
    const started = Date.now();
    await assert.rejects(client.listDatabases(), expectKind('timeout', /did not answer within 1 s/, credential.token));
    assert.ok(Date.now() - started < 3000);
  });

  it('hang on the auth-metadata request: our own deadline ends it', async () => {
    server.faults.hangNext({ endpoints: ['metadata'] });
    const started = Date.now();
    await assert.rejects(client.listDatabases(), expectKind('timeout', /did not answer within 1 s/, credential.token));
    assert.ok(Date.now() - started < 3000);
  });

  it('connection refused: unreachable, on the first call and later', async () => {
    const url = server.url;
    await server.close();
    const fresh = new ManagedIdentityPolicyClient(url, credential, { retry: fastRetry() });
    try {
      await assert.rejects(fresh.listDatabases(), expectKind('unreachable', /could not be reached \(connection refused\)/, credential.token));
    } finally {
      fresh.dispose();
    }
  });

  it('connection refused after a successful call (metadata cached)', async () => {
    const warm = await startKustoServer();
    const c = new ManagedIdentityPolicyClient(warm.url, credential, { retry: fastRetry() });
    try {
      await c.listDatabases();
      await warm.close();
      await assert.rejects(c.listDatabases(), (e: unknown) =>
        e instanceof KustoRequestError && (e.kind === 'unreachable' || e.kind === 'connectionLost') && !e.message.includes(credential.token));
    } finally {
      c.dispose();
    }
  });

  it('plain http to a host that is not loopback: refused before any token is asked for', async () => {
    const watching = new StaticCredential();
    const c = new ManagedIdentityPolicyClient('http://demo.westeurope.kusto.windows.net', watching, { retry: fastRetry() });
    try {
      await assert.rejects(c.listDatabases(), expectKind('badRequest', /plain http is only used for a local cluster on loopback/, watching.token));
      assert.deepEqual(watching.scopes, [], 'a token was asked for');
    } finally {
      c.dispose();
    }
  });

  it('a credential that fails: unauthorized, sign in again', async () => {
    const failing = { getToken: async () => { throw new Error(`AADSTS700082: refresh token expired; token=${credential.token}`); } };
    const c = new ManagedIdentityPolicyClient(server.url, failing, { retry: fastRetry() });
    try {
      await assert.rejects(c.listDatabases(), expectKind('unauthorized', /Sign in again/, credential.token));
    } finally {
      c.dispose();
    }
  });

  it('cancellation: rejects at once with kind cancelled and ignores the late answer', async () => {
    server.faults.setLatency(500);
    const controller = new AbortController();
    const pending = client.listDatabases({ signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    await assert.rejects(pending, expectKind('cancelled', /Cancelled/, credential.token));
    assert.ok(Date.now() - started < 400);
    await assert.rejects(client.getClusterPolicy({ signal: AbortSignal.abort() }), expectKind('cancelled', /Cancelled/, credential.token));
  });

  it('cancellation during a Retry-After wait', async () => {
    server.faults.failNext(429, { count: Infinity, retryAfterSeconds: 10 });
    const c = new ManagedIdentityPolicyClient(server.url, credential);
    try {
      const controller = new AbortController();
      const pending = c.listDatabases({ signal: controller.signal });
      setTimeout(() => controller.abort(), 200);
      await assert.rejects(pending, expectKind('cancelled', /Cancelled/, credential.token));
    } finally {
      c.dispose();
    }
  });

  it('dispose while a request runs: cancelled, not an unknown error', async () => {
    server.faults.setLatency(300);
    const pending = client.listDatabases();
    setTimeout(() => client.dispose(), 100);
    await assert.rejects(pending, expectKind('cancelled', /client was closed/, credential.token));
    await assert.rejects(client.getClusterPolicy(), expectKind('cancelled', /client was closed/, credential.token));
  });

  it('no error message of any fault contains the token', async () => {
    const messages: string[] = [];
    const faults = [
      () => server.faults.failNext(401), () => server.faults.failNext(403), () => server.faults.malformedNext(),
      () => server.faults.failNext(503, { count: 4 }), () => server.faults.resetNext({ count: 4 }), () => server.faults.hangNext(),
    ];
    for (const arm of faults) {
      arm();
      await client.getDatabasePolicy('Sales').catch((e: Error) => messages.push(e.message));
    }
    await client.getDatabasePolicy('Nope').catch((e: Error) => messages.push(e.message));
    assert.equal(messages.length, faults.length + 1);
    for (const m of messages) assertNoSecret(m, credential.token);
  });
});
