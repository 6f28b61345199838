// The TokenCredential factory shared by the extension and the CLI, for every
// method except VS Code's own sign-in (see sessionCredential.ts). @azure/identity
// is imported on first use: it is large and activation must stay cheap.
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import type { CloudInfo } from './clouds';
import { AuthConfigError } from './errors';
import { isLoopbackUrl } from './loopback';
import { BearerTokenCredential, PlaceholderCredential } from './staticCredentials';

/** `azureCli`/`default`/`none` are settings values; `devicecode`/`env` are CLI-only. */
export type CredentialMethod = 'azureCli' | 'default' | 'none' | 'devicecode' | 'env';

export interface CredentialOptions {
  readonly cloud: CloudInfo;
  readonly tenant?: string;
  /** The cluster or ARM endpoint the credential is for: `none` refuses anything not on loopback. */
  readonly endpoint: string;
  /** `env`: where the token comes from (default: process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** `devicecode`: how the "open this page and enter this code" message reaches the user. */
  readonly deviceCodePrompt?: (message: string) => void;
}

export const ACCESS_TOKEN_VARIABLE = 'KUSTO_ACCESS_TOKEN';

export function createCredential(method: CredentialMethod, options: CredentialOptions): TokenCredential {
  switch (method) {
    case 'none':
      if (!isLoopbackUrl(options.endpoint)) {
        throw new AuthConfigError(
          `Authentication is off (kustoMi.auth.method is "none"), which only works with local servers on http://127.0.0.1 or localhost; ` +
          `${origin(options.endpoint)} needs a sign-in. Set kustoMi.auth.method to "vscode", "azureCli" or "default".`);
      }
      return new PlaceholderCredential();
    case 'env': {
      const token = (options.env ?? process.env)[ACCESS_TOKEN_VARIABLE]?.trim();
      if (!token) throw new AuthConfigError(`${ACCESS_TOKEN_VARIABLE} is not set: put a bearer token for the cluster in it, or choose another --auth method.`);
      return new BearerTokenCredential(token);
    }
    case 'azureCli':
      return new LazyCredential(async () => {
        const { AzureCliCredential } = await import('@azure/identity');
        return new AzureCliCredential({ ...(options.tenant ? { tenantId: options.tenant } : {}) });
      });
    case 'default':
      return new LazyCredential(async () => {
        const { DefaultAzureCredential } = await import('@azure/identity');
        return new DefaultAzureCredential({ authorityHost: options.cloud.authorityHost, ...(options.tenant ? { tenantId: options.tenant } : {}) });
      });
    case 'devicecode':
      return new LazyCredential(async () => {
        const { DeviceCodeCredential } = await import('@azure/identity');
        const prompt = options.deviceCodePrompt ?? ((m: string) => process.stderr.write(`${m}\n`));
        return new DeviceCodeCredential({
          authorityHost: options.cloud.authorityHost,
          ...(options.tenant ? { tenantId: options.tenant } : {}),
          userPromptCallback: (info) => prompt(info.message),
        });
      });
  }
}

/** Builds the real credential (and loads its SDK) on the first token request. */
export class LazyCredential implements TokenCredential {
  private inner: Promise<TokenCredential> | undefined;

  constructor(private readonly create: () => Promise<TokenCredential>) {}

  getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
    this.inner ??= this.create();
    this.inner.catch(() => {
      this.inner = undefined;
    });
    return this.inner.then((c) => c.getToken(scopes, options));
  }
}

function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
