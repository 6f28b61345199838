// An AzureSubscriptionProvider (the sign-in library's own interface, the seam
// every Azure extension's subscription code is written against) for the local
// ARM server: tenants, subscriptions and sessions without Entra. Signing in
// and out flips which tenants have a session and fires the library's events.
import type { AzureSubscription, AzureSubscriptionProvider, AzureTenant } from '@microsoft/vscode-azext-azureauth';
import * as vscode from 'vscode';

export interface LocalTenant {
  readonly tenantId: string;
  readonly displayName: string;
  readonly subscriptions: readonly { readonly subscriptionId: string; readonly name: string }[];
  /** This tenant's sessions' token (default: the provider's), so a test sees which tenant a request's token came from. */
  readonly token?: string;
}

export class LocalSubscriptionProvider implements AzureSubscriptionProvider {
  readonly account: vscode.AuthenticationSessionAccountInformation = { id: 'local-account', label: 'dev@contoso.test' };
  readonly signedIn = new Set<string>();
  readonly signInCalls: (string | undefined)[] = [];
  private readonly signInEmitter = new vscode.EventEmitter<void>();
  private readonly signOutEmitter = new vscode.EventEmitter<void>();
  readonly onDidSignIn = this.signInEmitter.event;
  readonly onDidSignOut = this.signOutEmitter.event;

  constructor(private readonly armUrl: string, private readonly tenantList: readonly LocalTenant[], readonly token: string) {}

  async getTenants(): Promise<AzureTenant[]> {
    if (this.signedIn.size === 0) return [];
    return this.tenantList.map((t) => ({ tenantId: t.tenantId, displayName: t.displayName, account: this.account }));
  }

  async getSubscriptions(): Promise<AzureSubscription[]> {
    return this.tenantList.filter((t) => this.signedIn.has(t.tenantId)).flatMap((t) => t.subscriptions.map((s) => this.subscription(t.tenantId, s)));
  }

  async isSignedIn(tenantId?: string): Promise<boolean> {
    return tenantId ? this.signedIn.has(tenantId) : this.signedIn.size > 0;
  }

  async signIn(tenantId?: string): Promise<boolean> {
    this.signInCalls.push(tenantId);
    this.signedIn.add(tenantId ?? this.tenantList[0].tenantId);
    return true;
  }

  async signOut(): Promise<void> {
    throw new Error('not supported, as in the library');
  }

  /** As when the user signs out in the Accounts menu: every session goes, the library fires onDidSignOut. */
  signOutEverywhere(): void {
    this.signedIn.clear();
    this.signOutEmitter.fire();
  }

  /** As when another extension signs in. */
  signInElsewhere(tenantId: string): void {
    this.signedIn.add(tenantId);
    this.signInEmitter.fire();
  }

  private subscription(tenantId: string, s: { subscriptionId: string; name: string }): AzureSubscription {
    const token = this.tenantList.find((t) => t.tenantId === tenantId)?.token ?? this.token;
    const session: vscode.AuthenticationSession = { id: `session-${tenantId}`, accessToken: token, account: this.account, scopes: [] };
    return {
      subscriptionId: s.subscriptionId,
      name: s.name,
      tenantId,
      account: this.account,
      isCustomCloud: true,
      environment: { name: 'local', resourceManagerEndpointUrl: this.armUrl } as unknown as AzureSubscription['environment'],
      credential: { getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 3_600_000 }) },
      authentication: {
        getSession: () => session,
        getSessionWithScopes: (scopes) => ({ ...session, scopes: Array.isArray(scopes) ? scopes : [] }),
      },
    };
  }
}
