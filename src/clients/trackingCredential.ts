// Wraps a TokenCredential to remember the tokens it returned, so error
// messages can be scrubbed of exactly those strings whatever their shape.
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';

export class TrackingCredential implements TokenCredential {
  private readonly seen = new Set<string>();

  constructor(private readonly inner: TokenCredential) {}

  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
    const token = await this.inner.getToken(scopes, options);
    if (token?.token) {
      // Bounded: a long session refreshes tokens, and old ones only need masking for a while.
      if (this.seen.size >= 16) this.seen.delete(this.seen.values().next().value as string);
      this.seen.add(token.token);
    }
    return token;
  }

  get tokens(): Iterable<string> {
    return this.seen;
  }
}
