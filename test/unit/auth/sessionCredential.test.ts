import assert from 'node:assert/strict';
import { SignInRequiredError } from '../../../src/auth/errors';
import { SessionCredential, type GetSession, type SessionRequest } from '../../../src/auth/sessionCredential';

function fakeSessions(answer: (n: number) => string | undefined = (n) => `token-${n}`) {
  const calls: { provider: string; scopes: readonly string[]; options: SessionRequest }[] = [];
  const getSession: GetSession = async (provider, scopes, options) => {
    calls.push({ provider, scopes, options });
    await new Promise((r) => setTimeout(r, 5));
    const token = answer(calls.length);
    return token === undefined ? undefined : { accessToken: token, account: { label: 'dev@contoso.example' } };
  };
  return { calls, getSession };
}

describe('auth/sessionCredential', () => {
  it('asks VS Code silently with the scopes of the call, and caches per scope for a bounded time', async () => {
    let now = 1_000;
    const { calls, getSession } = fakeSessions();
    const credential = new SessionCredential(getSession, { providerId: 'microsoft', cacheMs: 60_000, now: () => now });
    const kusto = await credential.getToken('https://kusto.kusto.windows.net/.default');
    assert.equal(kusto.token, 'token-1');
    assert.equal(kusto.expiresOnTimestamp, 61_000);
    assert.equal((await credential.getToken(['https://kusto.kusto.windows.net/.default'])).token, 'token-1');
    assert.equal((await credential.getToken('https://management.azure.com/.default')).token, 'token-2', 'another scope, another session');
    now += 60_001;
    assert.equal((await credential.getToken('https://kusto.kusto.windows.net/.default')).token, 'token-3', 'asked again after the cache time');
    assert.deepEqual(calls.map((c) => [c.provider, c.scopes.join(' '), c.options]), [
      ['microsoft', 'https://kusto.kusto.windows.net/.default', { silent: true }],
      ['microsoft', 'https://management.azure.com/.default', { silent: true }],
      ['microsoft', 'https://kusto.kusto.windows.net/.default', { silent: true }],
    ]);
  });

  it('many requests at once share one session request', async () => {
    const { calls, getSession } = fakeSessions();
    const credential = new SessionCredential(getSession, { providerId: 'microsoft' });
    const tokens = await Promise.all(Array.from({ length: 32 }, () => credential.getToken('s/.default')));
    assert.equal(calls.length, 1);
    assert.ok(tokens.every((t) => t.token === 'token-1'));
  });

  it('adds VSCODE_TENANT:<tenant> and uses the sovereign provider when told', async () => {
    const { calls, getSession } = fakeSessions();
    const credential = new SessionCredential(getSession, { providerId: 'microsoft-sovereign-cloud', tenant: 'contoso.onmicrosoft.us' });
    await credential.getToken(['https://management.usgovcloudapi.net/.default', 'VSCODE_TENANT:other']);
    assert.deepEqual(calls[0].scopes, ['https://management.usgovcloudapi.net/.default', 'VSCODE_TENANT:contoso.onmicrosoft.us']);
    assert.equal(calls[0].provider, 'microsoft-sovereign-cloud');
  });

  it('no session: a sign-in-required error, never a prompt; interactive mode asks with createIfNone', async () => {
    const { calls, getSession } = fakeSessions(() => undefined);
    const credential = new SessionCredential(getSession, { providerId: 'microsoft' });
    await assert.rejects(credential.getToken('s/.default'), (e: unknown) => e instanceof SignInRequiredError && e.name === 'CredentialUnavailableError' && /Sign In/.test(e.message));
    const interactive = new SessionCredential(fakeSessions().getSession, { providerId: 'microsoft', interactive: true });
    assert.equal((await interactive.getToken('s/.default')).token, 'token-1');
    assert.deepEqual(calls[0].options, { silent: true });
  });

  it('invalidate forgets tokens once per burst; sign-in after a 401 asks for a new session', async () => {
    let now = 0;
    const { calls, getSession } = fakeSessions();
    const credential = new SessionCredential(getSession, { providerId: 'microsoft', now: () => now, invalidateCooldownMs: 10_000 });
    await credential.getToken('s/.default');
    credential.invalidate();
    assert.equal((await credential.getToken('s/.default')).token, 'token-2');
    now += 1_000;
    credential.invalidate(); // same burst: kept
    assert.equal((await credential.getToken('s/.default')).token, 'token-2');
    await credential.signIn(['s/.default']);
    assert.deepEqual(calls.at(-1)?.options, { forceNewSession: { detail: 'The cluster rejected the last sign-in (HTTP 401).' } });
    await credential.signIn(['s/.default']);
    assert.deepEqual(calls.at(-1)?.options, { createIfNone: true });
  });
});
