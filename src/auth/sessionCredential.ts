// VS Code's Microsoft sign-in as a TokenCredential. The scopes come from each
// getToken call (the Kusto SDK asks for the Kusto scope, ARM clients for the
// ARM one), plus `VSCODE_TENANT:<tenant>` when a tenant is configured. A
// session carries no expiry, so tokens are cached per scope for a bounded time
// and asked for again after a 401 (invalidate). Written against a narrow
// interface, not `vscode`, so it is unit-tested in Node.
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { SignInRequiredError } from './errors';

export interface SessionLike {
  readonly accessToken: string;
  readonly account?: { readonly label: string };
}

export interface SessionRequest {
  readonly silent?: boolean;
  readonly createIfNone?: boolean;
  readonly forceNewSession?: boolean | { readonly detail: string };
}

/** `vscode.authentication.getSession`, narrowed. */
export type GetSession = (providerId: string, scopes: readonly string[], options: SessionRequest) => PromiseLike<SessionLike | undefined>;

export interface SessionCredentialOptions {
  readonly providerId: string;
  readonly tenant?: string;
  /** How long a session's token is reused without asking VS Code again (default 4 min). */
  readonly cacheMs?: number;
  /** Ignore a second invalidation within this time, so a burst of 401s re-asks once (default 10 s). */
  readonly invalidateCooldownMs?: number;
  /** Ask the user (createIfNone) instead of failing when there is no session. */
  readonly interactive?: boolean;
  readonly now?: () => number;
}

interface Cached {
  readonly token: string;
  readonly until: number;
}

export class SessionCredential implements TokenCredential {
  private readonly cache = new Map<string, Cached>();
  private readonly pending = new Map<string, Promise<AccessToken>>();
  private lastInvalidated = -Infinity;
  /** Set by a 401: the next interactive sign-in asks for a new session rather than reusing one. */
  private rejected = false;

  constructor(private readonly getSession: GetSession, private readonly options: SessionCredentialOptions) {}

  async getToken(scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken> {
    const wanted = this.scopesFor(scopes);
    const key = wanted.join(' ');
    const now = this.now();
    const hit = this.cache.get(key);
    if (hit && hit.until > now) return { token: hit.token, expiresOnTimestamp: hit.until };
    // Many requests start at once (a thousand databases): one session request serves them all.
    let request = this.pending.get(key);
    if (!request) {
      request = this.ask(wanted, this.options.interactive === true).then((session) => {
        const until = this.now() + (this.options.cacheMs ?? 240_000);
        this.cache.set(key, { token: session.accessToken, until });
        return { token: session.accessToken, expiresOnTimestamp: until };
      }).finally(() => this.pending.delete(key));
      this.pending.set(key, request);
    }
    return request;
  }

  /** Forgets cached tokens after a 401; a burst of 401s (requests already in flight) clears the cache once. */
  invalidate(): void {
    const now = this.now();
    if (now - this.lastInvalidated < (this.options.invalidateCooldownMs ?? 10_000)) return;
    this.lastInvalidated = now;
    // Only a token that was used can have been rejected; "never signed in" is not a rejection.
    if (this.cache.size > 0) this.rejected = true;
    this.cache.clear();
  }

  /** The "Sign in" command: always interactive; a new session when the last one was rejected. */
  async signIn(scopes: readonly string[]): Promise<SessionLike> {
    const wanted = this.scopesFor([...scopes]);
    const session = this.rejected
      ? await this.getSession(this.options.providerId, wanted, { forceNewSession: { detail: 'The cluster rejected the last sign-in (HTTP 401).' } })
      : await this.getSession(this.options.providerId, wanted, { createIfNone: true });
    if (!session) throw new SignInRequiredError('Sign-in was cancelled.');
    this.rejected = false;
    this.cache.clear();
    return session;
  }

  private async ask(scopes: string[], interactive: boolean): Promise<SessionLike> {
    const session = await this.getSession(this.options.providerId, scopes, interactive ? { createIfNone: true } : { silent: true });
    if (!session) {
      throw new SignInRequiredError('Not signed in to Microsoft in VS Code. Run "Kusto MI: Sign In".');
    }
    return session;
  }

  private scopesFor(scopes: string | string[]): string[] {
    const list = (Array.isArray(scopes) ? scopes : [scopes]).filter((s) => !s.startsWith('VSCODE_TENANT:'));
    if (this.options.tenant) list.push(`VSCODE_TENANT:${this.options.tenant}`);
    return list;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
