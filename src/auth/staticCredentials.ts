// Credentials that need no sign-in: a fixed placeholder for local test servers
// (`none`), and a bearer token handed in by the environment (`env`).
import type { AccessToken, TokenCredential } from '@azure/core-auth';

/** Sent when auth is `none`: the local servers only check that a token is present. */
export const PLACEHOLDER_TOKEN = 'kusto-mi-local-no-auth';

export class PlaceholderCredential implements TokenCredential {
  async getToken(): Promise<AccessToken> {
    return { token: PLACEHOLDER_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 };
  }
}

/** A token obtained elsewhere (e.g. `az account get-access-token`); it is used as is until it expires. */
export class BearerTokenCredential implements TokenCredential {
  constructor(private readonly token: string) {}

  async getToken(): Promise<AccessToken> {
    return { token: this.token, expiresOnTimestamp: Date.now() + 3_600_000 };
  }
}
