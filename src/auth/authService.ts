// The extension's side of authentication: picks the credential for
// `kustoMi.auth.method`, the cloud, and the ARM endpoint from the settings.
// Credentials are kept until the connection settings change (reset()).
import type { TokenCredential } from '@azure/core-auth';
import * as vscode from 'vscode';
import type { Config } from '../config/config';
import { resolveCloud, type CloudInfo } from './clouds';
import { createCredential } from './credentials';
import { AuthConfigError } from './errors';
import type { AzureAccount } from './azureAccount';
import { SessionCredential, type GetSession } from './sessionCredential';

const PUBLIC_ARM = 'https://management.azure.com';

const vscodeGetSession: GetSession = (providerId, scopes, options) =>
  vscode.authentication.getSession(providerId, scopes, options as vscode.AuthenticationGetSessionOptions);

export class AuthService {
  /** VS Code session credentials per tenant ('' = kustoMi.auth.tenant or the home tenant). */
  private readonly sessions = new Map<string, { silent: SessionCredential; interactive: SessionCredential }>();
  private sdkCredential: TokenCredential | undefined;

  /**
   * `account`: Azure sign-in through @microsoft/vscode-azext-azureauth, used by the
   * `vscode` method for sessions, subscriptions and tenants (without it, VS Code's provider directly).
   */
  constructor(private readonly config: Config, private readonly getSession: GetSession = vscodeGetSession, readonly account?: AzureAccount) {}

  get method(): Config['authMethod'] {
    return this.config.authMethod;
  }

  get cloud(): CloudInfo {
    const sovereign = this.config.sovereignCloud;
    return resolveCloud({ cloud: this.config.cloud, sovereignEnvironment: sovereign.environment, customEnvironment: sovereign.customEnvironment });
  }

  /** `kustoMi.armEndpoint` when changed from the public default, else the cloud's. */
  get armEndpoint(): string {
    const configured = this.config.armEndpoint.replace(/\/+$/, '');
    return configured === PUBLIC_ARM ? this.cloud.armEndpoint : configured;
  }

  /**
   * The credential for a Kusto cluster or the ARM endpoint. `interactive`: may
   * show VS Code's sign-in (explicit user commands); the tree never does.
   * `tenant` (the `vscode` method only): a cluster's own tenant, instead of
   * kustoMi.auth.tenant or the home tenant.
   * Throws AuthConfigError when `none` is asked for a remote endpoint.
   */
  credentialFor(endpoint: string, interactive = false, tenant?: string): TokenCredential {
    const method = this.config.authMethod;
    if (method === 'none') return createCredential('none', { cloud: this.cloud, endpoint }); // throws for remote endpoints
    if (method === 'vscode') {
      const sessions = this.sessionCredentials(tenant);
      return interactive ? sessions.interactive : sessions.silent;
    }
    this.sdkCredential ??= createCredential(method, { cloud: this.cloud, endpoint, ...(this.config.tenant ? { tenant: this.config.tenant } : {}) });
    return this.sdkCredential;
  }

  /** The credential to invalidate after a 401 (VS Code sessions only; the SDK credentials refresh themselves). */
  invalidatable(tenant?: string): { invalidate(): void } | undefined {
    return this.config.authMethod === 'vscode' ? this.sessionCredentials(tenant).silent : undefined;
  }

  /** "Sign in": asks VS Code for a session (or checks the CLI/SDK credential) and says who is signed in. */
  async signIn(): Promise<string> {
    const method = this.config.authMethod;
    const scope = this.cloud.kustoScope;
    switch (method) {
      case 'none':
        return 'Authentication is off (kustoMi.auth.method is "none"): only local test clusters can be used.';
      case 'vscode': {
        const session = await this.sessionCredentials().silent.signIn([scope]);
        return `Signed in to Microsoft as ${session.account?.label ?? 'the selected account'}.`;
      }
      default: {
        const credential = this.credentialFor(this.armEndpoint);
        const token = await credential.getToken(scope);
        if (!token) throw new AuthConfigError('The credential gave no token.');
        return method === 'azureCli' ? 'The Azure CLI is signed in.' : 'DefaultAzureCredential found a signed-in identity.';
      }
    }
  }

  /** Drop cached credentials (auth settings changed). */
  reset(): void {
    this.sessions.clear();
    this.sdkCredential = undefined;
  }

  private sessionCredentials(clusterTenant?: string): { silent: SessionCredential; interactive: SessionCredential } {
    const tenant = clusterTenant || this.config.tenant;
    const key = clusterTenant?.toLowerCase() ?? '';
    let sessions = this.sessions.get(key);
    if (!sessions) {
      const options = { providerId: this.cloud.vscodeProviderId, ...(tenant ? { tenant } : {}) };
      sessions = {
        silent: new SessionCredential(this.getSession, options),
        interactive: new SessionCredential(this.getSession, { ...options, interactive: true }),
      };
      this.sessions.set(key, sessions);
    }
    return sessions;
  }
}
