// A cluster's own tenant for the `vscode` sign-in: multi-tenant accounts reach
// clusters in several tenants, and a token from the home tenant is refused by
// a cluster of another. The tenant is the one saved with the cluster
// (discovery writes it), else the tenant of the signed-in subscription its
// resource id names; without either, kustoMi.auth.tenant or the home tenant.
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import type { AuthService } from './authService';
import type { AzureAccount } from './azureAccount';
import { TenantSignInRequiredError } from './errors';

export interface TenantSource {
  readonly tenantId?: string;
  readonly resourceId?: string;
}

/** The tenant a cluster's tokens come from; undefined: the configured or home tenant. */
export async function clusterTenant(source: TenantSource, account: AzureAccount | undefined): Promise<string | undefined> {
  if (source.tenantId) return source.tenantId;
  const subscriptionId = /\/subscriptions\/([^/]+)/i.exec(source.resourceId ?? '')?.[1]?.toLowerCase();
  if (!subscriptionId || !account) return undefined;
  const subscriptions = await account.subscriptions().catch(() => []); // not signed in: nothing to match
  return subscriptions.find((s) => s.subscriptionId.toLowerCase() === subscriptionId)?.tenantId;
}

/** The session credential of the cluster's tenant, found on the first token request. */
export class ClusterCredential implements TokenCredential {
  private tenant: Promise<string | undefined> | undefined;
  private resolved: { tenant: string | undefined } | undefined;

  constructor(private readonly auth: AuthService, private readonly endpoint: string, private readonly source: TenantSource) {}

  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
    this.tenant ??= clusterTenant(this.source, this.auth.account).then((tenant) => {
      this.resolved = { tenant };
      return tenant;
    });
    const tenant = await this.tenant;
    try {
      return await this.auth.credentialFor(this.endpoint, false, tenant).getToken(scopes, options);
    } catch (e) {
      // Not signed in there: say which tenant, so the node's action signs in to exactly that one.
      if (tenant && (e as Error).name === 'CredentialUnavailableError' && this.auth.account && !(await this.auth.account.isSignedIn(tenant).catch(() => false))) {
        throw new TenantSignInRequiredError(tenant);
      }
      throw e;
    }
  }

  /** After a 401: the cluster's tenant's cached tokens go. */
  invalidate(): void {
    this.auth.invalidatable(this.resolved?.tenant)?.invalidate();
  }
}
