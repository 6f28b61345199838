// Azure sign-in the way the Azure extensions do it: through
// @microsoft/vscode-azext-azureauth (VS Code's Microsoft account provider,
// sovereign clouds via `microsoft-sovereign-cloud.environment`, and the
// tenants and subscriptions filtered in Azure Resources). The library is
// large, so it is loaded on first use, never at activation. Tests replace the
// subscription provider (the library's own interface) with one of their own.
import type { AzureSubscription, AzureSubscriptionProvider, AzureTenant } from '@microsoft/vscode-azext-azureauth';
import * as vscode from 'vscode';
import { Disposable } from '../util/dispose';
import type { GetSession, SessionLike, SessionRequest } from './sessionCredential';

type AzureAuthLibrary = typeof import('@microsoft/vscode-azext-azureauth');

export class AzureAccount extends Disposable {
  private library: Promise<AzureAuthLibrary> | undefined;
  private current: Promise<AzureSubscriptionProvider> | undefined;
  private subscriptionCache: Promise<AzureSubscription[]> | undefined;
  private providerListeners: vscode.Disposable[] = [];
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  /** Fires when the user signs in or out (another account, another tenant): credentials and the tree start afresh. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log?: vscode.LogOutputChannel) {
    super();
    this._register({ dispose: () => this.dropProvider() });
  }

  /** The library, loaded once (dist/vendor/azureauth.js). */
  lib(): Promise<AzureAuthLibrary> {
    this.library ??= import('@microsoft/vscode-azext-azureauth');
    return this.library;
  }

  provider(): Promise<AzureSubscriptionProvider> {
    this.current ??= this.lib().then((lib) => this.listen(new lib.VSCodeAzureSubscriptionProvider(this.log)));
    return this.current;
  }

  /** Tests: use this provider instead of VS Code's until the returned function is called. */
  useProvider(provider: AzureSubscriptionProvider): () => void {
    this.dropProvider();
    this.current = Promise.resolve(this.listen(provider));
    this.changed.fire();
    return () => {
      this.dropProvider();
      this.changed.fire();
    };
  }

  /** Subscriptions as Azure Resources shows them (its tenant and subscription filters apply); cached until sign-in changes. */
  subscriptions(): Promise<AzureSubscription[]> {
    this.subscriptionCache ??= this.provider().then((p) => p.getSubscriptions(true));
    this.subscriptionCache.catch(() => {
      this.subscriptionCache = undefined;
    });
    return this.subscriptionCache;
  }

  async tenants(): Promise<AzureTenant[]> {
    return (await this.provider()).getTenants();
  }

  async isSignedIn(tenantId?: string): Promise<boolean> {
    return (await this.provider()).isSignedIn(tenantId);
  }

  async signIn(tenantId?: string, account?: vscode.AuthenticationSessionAccountInformation): Promise<boolean> {
    const signedIn = await (await this.provider()).signIn(tenantId, account);
    if (signedIn) this.signInChanged();
    return signedIn;
  }

  /** Tenants of the signed-in accounts that have no session yet ("Sign in to another tenant"). */
  async unauthenticatedTenants(): Promise<AzureTenant[]> {
    const [lib, provider] = await Promise.all([this.lib(), this.provider()]);
    return lib.getUnauthenticatedTenants(provider);
  }

  /**
   * A session for `scopes` (the Kusto or ARM scope), for SessionCredential:
   * VS Code's own session for the configured cloud and tenant first (cheap);
   * else the session of a signed-in subscription of that tenant, the one
   * Azure Resources uses. Interactive requests sign in through the provider.
   */
  readonly getSession: GetSession = async (_providerId: string, scopes: readonly string[], options: SessionRequest): Promise<SessionLike | undefined> => {
    const tenant = scopes.find((s) => s.startsWith('VSCODE_TENANT:'))?.slice('VSCODE_TENANT:'.length);
    const resourceScopes = scopes.filter((s) => !s.startsWith('VSCODE_TENANT:'));
    const lib = await this.lib();
    if (options.forceNewSession) return lib.getSessionFromVSCode([...resourceScopes], tenant, { forceNewSession: options.forceNewSession });
    if (!options.silent && !(await this.isSignedIn(tenant)) && !(await this.signIn(tenant))) return undefined;
    const direct = await lib.getSessionFromVSCode([...resourceScopes], tenant, { silent: true }).catch(() => undefined);
    if (direct) return direct;
    const subscription = await this.subscriptionFor(tenant);
    if (subscription) return await subscription.authentication.getSessionWithScopes([...resourceScopes]) ?? undefined;
    return options.silent ? undefined : lib.getSessionFromVSCode([...resourceScopes], tenant, { createIfNone: true });
  };

  private async subscriptionFor(tenant: string | undefined): Promise<AzureSubscription | undefined> {
    try {
      if (!(await this.isSignedIn(tenant))) return undefined;
      const all = await this.subscriptions();
      return tenant ? all.find((s) => s.tenantId.toLowerCase() === tenant.toLowerCase()) : all[0];
    } catch {
      return undefined; // not signed in, or subscriptions unreadable: VS Code's own session may still work
    }
  }

  private listen(provider: AzureSubscriptionProvider): AzureSubscriptionProvider {
    this.providerListeners = [
      provider.onDidSignIn(() => this.signInChanged()),
      provider.onDidSignOut(() => this.signInChanged()),
    ];
    return provider;
  }

  private signInChanged(): void {
    this.subscriptionCache = undefined;
    this.changed.fire();
  }

  private dropProvider(): void {
    for (const d of this.providerListeners.splice(0)) d.dispose();
    void this.current?.then((p) => (p as Partial<vscode.Disposable>).dispose?.(), () => undefined);
    this.current = undefined;
    this.subscriptionCache = undefined;
  }
}
