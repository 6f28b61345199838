// The tree model's link to the outside: one Kusto client per cluster URL,
// kept for the connection's lifetime (Ctx.pushConnectionCleanup: disposed when
// auth or cluster settings change), ARM identity look-ups, and the identity
// registry that quick fixes and completions read.
import type { AuthService } from '../../auth/authService';
import { ClusterCredential } from '../../auth/clusterCredential';
import { ReauthenticatingClient } from '../../auth/reauthenticatingClient';
import { ManagedIdentityPolicyClient } from '../../clients/kusto/kustoClient';
import type { ManagedIdentityPolicyApi } from '../../clients/kusto/api';
import { validateClusterUrl } from '../../core/clusterUrl';
import type { KnownIdentity } from '../../core/identity';
import type { Ctx } from '../../ctx';
import type { IdentityRegistry } from '../../identities/identityRegistry';
import { readArmIdentities } from './model/identities';
import type { ClusterServices, ClusterSource, IdentityInfo } from './model/types';

export class ClusterConnections implements ClusterServices {
  private readonly clients = new Map<string, ManagedIdentityPolicyApi>();

  constructor(private readonly ctx: Ctx, readonly auth: AuthService, private readonly registry: IdentityRegistry) {}

  get concurrency(): number {
    return this.ctx.config.maxParallelRequests;
  }

  get log(): { warn(message: string): void } {
    return this.ctx.log;
  }

  client(url: string, source?: ClusterSource): ManagedIdentityPolicyApi {
    // A cluster saved again with another tenant or resource id gets a client of its own.
    const key = [urlKey(url), source?.tenantId ?? '', source?.resourceId ?? ''].join('|');
    const existing = this.clients.get(key);
    if (existing) return existing;
    const checked = validateClusterUrl(url);
    if (!checked.url) throw new Error(`${url} is not a valid cluster URL: ${checked.error}`);
    // The `vscode` sign-in asks for each cluster's token in the cluster's own tenant.
    const tenanted = this.auth.method === 'vscode' ? new ClusterCredential(this.auth, url, source ?? {}) : undefined;
    const credential = tenanted ?? this.auth.credentialFor(url); // throws AuthConfigError in words
    const inner = new ManagedIdentityPolicyClient(url, credential, {
      timeoutMs: this.ctx.config.requestTimeoutMs,
      applicationVersion: String((this.ctx.extensionContext.extension.packageJSON as { version?: string }).version ?? 'dev'),
    });
    const invalidatable = tenanted ?? this.auth.invalidatable();
    const client = invalidatable ? new ReauthenticatingClient(inner, invalidatable) : inner;
    this.clients.set(key, client);
    this.ctx.pushConnectionCleanup({
      dispose: () => {
        client.dispose();
        if (this.clients.get(key) === client) this.clients.delete(key);
      },
    });
    return client;
  }

  async armIdentities(cluster: ClusterSource, signal: AbortSignal): Promise<IdentityInfo[] | undefined> {
    if (!cluster.resourceId) return undefined;
    const endpoint = this.auth.armEndpoint;
    const credential = this.auth.method === 'vscode' ? new ClusterCredential(this.auth, endpoint, cluster) : this.auth.credentialFor(endpoint);
    return readArmIdentities(credential, cluster.resourceId, cluster.url, {
      endpoint, signal, timeoutMs: this.ctx.config.requestTimeoutMs,
    });
  }

  /** Disposes the clients of clusters no longer shown; the others keep their connections. */
  retainOnly(urls: readonly string[]): void {
    const keep = new Set(urls.map(urlKey));
    for (const [key, client] of this.clients) {
      if (keep.has(key.split('|')[0])) continue;
      client.dispose();
      this.clients.delete(key);
    }
  }

  /** Set by the view: database policies read in the background, to show again. */
  onPoliciesChanged: ((url: string, databases: readonly string[]) => void) | undefined;

  policiesChanged(url: string, databases: readonly string[]): void {
    this.onPoliciesChanged?.(url, databases);
  }

  publishIdentities(url: string, identities: readonly KnownIdentity[]): void {
    this.registry.setClusterIdentities(url, identities);
  }
}

function urlKey(url: string): string {
  return url.trim().replace(/\/+$/, '').toLowerCase();
}
