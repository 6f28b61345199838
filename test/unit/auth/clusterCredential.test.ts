import assert from 'node:assert/strict';
import type { AuthService } from '../../../src/auth/authService';
import type { AzureAccount } from '../../../src/auth/azureAccount';
import { ClusterCredential, clusterTenant } from '../../../src/auth/clusterCredential';
import { SignInRequiredError, TenantSignInRequiredError } from '../../../src/auth/errors';

const HOME = '11111111-0000-4000-8000-000000000001';
const LABS = '22222222-0000-4000-8000-000000000002';
const LABS_SUB = 'AAAAAAAA-0000-4000-8000-00000000000A';

function fakeAccount(signedIn: string[], subscriptions: () => Promise<{ subscriptionId: string; tenantId: string }[]>): AzureAccount {
  return {
    subscriptions,
    isSignedIn: async (tenant?: string) => (tenant ? signedIn.includes(tenant) : signedIn.length > 0),
  } as unknown as AzureAccount;
}

describe('auth/clusterCredential', () => {
  const account = fakeAccount([HOME, LABS], async () => [{ subscriptionId: 'home-sub', tenantId: HOME }, { subscriptionId: LABS_SUB, tenantId: LABS }]);

  it('the tenant saved with the cluster wins; else the tenant of its resource id\'s subscription (any case); else none', async () => {
    const resourceId = `/subscriptions/${LABS_SUB.toLowerCase()}/resourceGroups/rg/providers/Microsoft.Kusto/clusters/c`;
    assert.equal(await clusterTenant({ tenantId: HOME, resourceId }, account), HOME);
    assert.equal(await clusterTenant({ resourceId }, account), LABS);
    assert.equal(await clusterTenant({ resourceId: '/subscriptions/unknown/resourceGroups/rg' }, account), undefined);
    assert.equal(await clusterTenant({}, account), undefined);
    assert.equal(await clusterTenant({ resourceId }, undefined), undefined);
    const failing = fakeAccount([], async () => {
      throw new Error('not signed in');
    });
    assert.equal(await clusterTenant({ resourceId }, failing), undefined, 'subscriptions that cannot be listed: the default tenant');
  });

  it('asks the cluster\'s tenant for tokens; not signed in there: an error naming it; invalidates that tenant\'s cache', async () => {
    const asked: (string | undefined)[] = [];
    const invalidated: (string | undefined)[] = [];
    const signedIn = [HOME];
    const auth = {
      account: fakeAccount(signedIn, async () => []),
      credentialFor: (_endpoint: string, _interactive: boolean, tenant?: string) => ({
        getToken: async () => {
          asked.push(tenant);
          if (tenant && !signedIn.includes(tenant)) throw new SignInRequiredError('Not signed in to Microsoft in VS Code.');
          return { token: `token-${tenant}`, expiresOnTimestamp: Date.now() + 60_000 };
        },
      }),
      invalidatable: (tenant?: string) => ({ invalidate: () => void invalidated.push(tenant) }),
    } as unknown as AuthService;

    const labs = new ClusterCredential(auth, 'https://labs.kusto.windows.net', { tenantId: LABS });
    const error = await labs.getToken('https://kusto.kusto.windows.net/.default').then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof TenantSignInRequiredError);
    assert.equal(error.tenantId, LABS);
    assert.equal(error.name, 'CredentialUnavailableError', 'still a sign-in error to the error mappers');
    assert.match(error.message, new RegExp(`Not signed in to the cluster's tenant ${LABS}`));

    signedIn.push(LABS);
    assert.equal((await labs.getToken('https://kusto.kusto.windows.net/.default'))?.token, `token-${LABS}`);
    labs.invalidate();
    assert.deepEqual(invalidated, [LABS]);

    const home = new ClusterCredential(auth, 'https://home.kusto.windows.net', {});
    assert.equal((await home.getToken('https://kusto.kusto.windows.net/.default'))?.token, 'token-undefined', 'no tenant known: the default one');
    assert.deepEqual(asked, [LABS, LABS, undefined]);
  });
});
