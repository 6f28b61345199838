// The auth factory against the local Kusto server: `none` only for loopback,
// `env` from KUSTO_ACCESS_TOKEN, VS Code sessions re-asked after a 401, and
// credential failures ending in "sign in again" without a token in sight.
import assert from 'node:assert/strict';
import type { TokenCredential } from '@azure/core-auth';
import { resolveCloud } from '../../src/auth/clouds';
import { ACCESS_TOKEN_VARIABLE, createCredential, LazyCredential } from '../../src/auth/credentials';
import { AuthConfigError } from '../../src/auth/errors';
import { ReauthenticatingClient } from '../../src/auth/reauthenticatingClient';
import { SessionCredential, type GetSession, type SessionRequest } from '../../src/auth/sessionCredential';
import { PLACEHOLDER_TOKEN } from '../../src/auth/staticCredentials';
import { KustoRequestError, ManagedIdentityPolicyClient } from '../../src/clients/kusto';
import { startKustoServer, type KustoTestServer } from '../servers/kusto';
import { assertNoSecret, fastRetry } from './helpers';

const cloud = resolveCloud({});

describe('auth: credentials against the local Kusto server', () => {
  let server: KustoTestServer;
  const clients: { dispose(): void }[] = [];
  const client = (credential: TokenCredential) => {
    const c = new ManagedIdentityPolicyClient(server.url, credential, { retry: fastRetry(), timeoutMs: 2_000 });
    clients.push(c);
    return c;
  };

  beforeEach(async () => {
    server = await startKustoServer();
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.dispose();
    await server.close();
  });

  it('"none" refuses any cluster not on loopback, saying which setting to change', () => {
    for (const endpoint of ['https://help.kusto.windows.net', 'http://10.1.2.3:8080', 'https://127.0.0.1.example.com', 'not a url']) {
      assert.throws(() => createCredential('none', { cloud, endpoint }), (e: unknown) =>
        e instanceof AuthConfigError && /kustoMi\.auth\.method is "none"/.test(e.message) && /"vscode", "azureCli" or "default"/.test(e.message));
    }
  });

  it('"none" sends a placeholder token to a loopback cluster', async () => {
    for (const endpoint of ['http://127.0.0.1:1', 'http://localhost:8080', 'https://[::1]']) {
      assert.ok(createCredential('none', { cloud, endpoint }));
    }
    const dbs = await client(createCredential('none', { cloud, endpoint: server.url })).listDatabases();
    assert.equal(dbs.length, 4);
    assert.ok(server.requests.filter((r) => r.endpoint === 'mgmt').every((r) => r.token === PLACEHOLDER_TOKEN));
  });

  it('"env" sends the token from KUSTO_ACCESS_TOKEN; without it, says so without leaking anything', async () => {
    const token = 'env-token-3c1f9e0b7d2a4c58-secret';
    const credential = createCredential('env', { cloud, endpoint: server.url, env: { [ACCESS_TOKEN_VARIABLE]: `  ${token}\n` } });
    await client(credential).getClusterPolicy();
    assert.equal(server.requests.find((r) => r.endpoint === 'mgmt')?.token, token);
    assert.throws(() => createCredential('env', { cloud, endpoint: server.url, env: {} }), (e: unknown) =>
      e instanceof AuthConfigError && e.message.includes(ACCESS_TOKEN_VARIABLE));
    server.faults.failNext(401);
    await assert.rejects(client(credential).listDatabases(), (e: unknown) => {
      assert.ok(e instanceof KustoRequestError && e.kind === 'unauthorized');
      assertNoSecret(e.message, token);
      return true;
    });
  });

  it('SDK credentials load @azure/identity only when a token is first needed', async () => {
    const credential = createCredential('azureCli', { cloud, endpoint: 'https://help.kusto.windows.net', tenant: 'contoso.onmicrosoft.com' });
    assert.ok(credential instanceof LazyCredential);
    assert.ok(createCredential('default', { cloud, endpoint: 'https://help.kusto.windows.net' }) instanceof LazyCredential);
    assert.ok(createCredential('devicecode', { cloud, endpoint: 'https://help.kusto.windows.net' }) instanceof LazyCredential);
  });

  it('a credential that cannot give a token ends in "sign in again"', async () => {
    const noSession: GetSession = async () => undefined;
    const credential = new SessionCredential(noSession, { providerId: 'microsoft' });
    await assert.rejects(client(credential).listDatabases(), (e: unknown) =>
      e instanceof KustoRequestError && e.kind === 'unauthorized' && /Sign in again/.test(e.message));
    assert.equal(server.requests.filter((r) => r.endpoint === 'mgmt').length, 0, 'nothing sent without a token');
  });

  it('a VS Code session: scopes from the SDK plus the tenant, cached, re-asked once after a 401', async () => {
    const asked: { scopes: readonly string[]; options: SessionRequest }[] = [];
    let n = 0;
    const getSession: GetSession = async (_provider, scopes, options) => {
      asked.push({ scopes, options });
      return { accessToken: `session-token-${++n}-abcdefgh` };
    };
    const credential = new SessionCredential(getSession, { providerId: 'microsoft', tenant: '72f988bf-86f1-41af-91ab-2d7cd011db47' });
    const c = new ReauthenticatingClient(client(credential), credential);
    await c.listDatabases();
    await c.getClusterPolicy();
    assert.equal(asked.length, 1, 'the token is reused');
    assert.deepEqual(asked[0].scopes, ['https://kusto.kusto.windows.net/.default', 'VSCODE_TENANT:72f988bf-86f1-41af-91ab-2d7cd011db47']);
    assert.deepEqual(asked[0].options, { silent: true });

    server.faults.failNext(401, { match: /^\.show database/ });
    const policy = await c.getDatabasePolicy('Sales');
    assert.ok(policy);
    assert.equal(asked.length, 2, 'asked again after the 401');
    const shows = server.requests.filter((r) => r.csl?.startsWith(".show database ['"));
    assert.deepEqual(shows.map((r) => r.token), ['session-token-1-abcdefgh', 'session-token-2-abcdefgh']);

    server.faults.failNext(401, { count: 2 });
    await assert.rejects(c.listDatabases(), (e: unknown) => e instanceof KustoRequestError && e.kind === 'unauthorized');
  });
});
