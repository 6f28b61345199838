// Shared bits of the integration tests: a credential that hands out fixed
// tokens (the servers only check that one is present), fast retry settings,
// and a watch on unhandled rejections.
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import type { KustoClientOptions } from '../../src/clients/kusto';

export class StaticCredential implements TokenCredential {
  readonly scopes: string[] = [];

  constructor(readonly token = `tok-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}-secret`) {}

  async getToken(scopes: string | string[]): Promise<AccessToken> {
    this.scopes.push(...(Array.isArray(scopes) ? scopes : [scopes]));
    return { token: this.token, expiresOnTimestamp: Date.now() + 3_600_000 };
  }
}

/** Retries without real waiting beyond a few ms; `delays` records what would have been slept. */
export function fastRetry(delays: number[] = []): NonNullable<KustoClientOptions['retry']> {
  return {
    policy: { baseDelayMs: 5, maxDelayMs: 20 },
    random: () => 0,
    sleep: async (ms) => {
      delays.push(ms);
      await new Promise((r) => setTimeout(r, Math.min(ms, 20)));
    },
  };
}

/** Collects unhandled rejections while a suite runs. */
export function watchUnhandledRejections(): { readonly reasons: unknown[]; stop(): void } {
  const reasons: unknown[] = [];
  const onRejection = (reason: unknown) => reasons.push(reason);
  process.on('unhandledRejection', onRejection);
  return { reasons, stop: () => process.off('unhandledRejection', onRejection) };
}

export function assertNoSecret(message: string, ...secrets: string[]): void {
  for (const s of secrets) {
    if (message.includes(s)) throw new Error(`Message leaks a secret: ${message.replace(s, '<the secret>')}`);
  }
  if (/Bearer\s+(?!\*)/i.test(message)) throw new Error(`Message contains a bearer token: ${message}`);
}
