// The options every CLI command that talks to a cluster shares: how to sign in
// (--auth, --tenant) and the request time limit (--timeout).
import type { TokenCredential } from '@azure/core-auth';
import { resolveCloud } from '../auth/clouds';
import { createCredential, type CredentialMethod } from '../auth/credentials';
import { AuthConfigError } from '../auth/errors';
import { UsageError, type CliIo } from './command';

export const CLUSTER_OPTIONS = {
  auth: { type: 'string', short: 'a' },
  tenant: { type: 'string' },
  timeout: { type: 'string' },
} as const;

const AUTH: Record<string, CredentialMethod> = { default: 'default', azcli: 'azureCli', devicecode: 'devicecode', env: 'env' };

export function parseAuthMethod(value: string | undefined): CredentialMethod {
  const method = AUTH[value ?? 'default'];
  if (!method) throw new UsageError(`--auth must be default, azcli, devicecode or env, not '${value}'`);
  return method;
}

export function parseTimeoutMs(value: string | undefined): number {
  const seconds = value === undefined ? 30 : Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--timeout expects a number of seconds, got '${value}'`);
  return seconds * 1000;
}

/** The credential for `endpoint`; a configuration mistake (no token, auth off for a remote cluster) is a usage error. */
export function cliCredential(method: CredentialMethod, endpoint: string, tenant: string | undefined, io: CliIo): TokenCredential {
  try {
    return createCredential(method, {
      cloud: resolveCloud({}), endpoint, ...(tenant ? { tenant } : {}),
      deviceCodePrompt: (message) => io.err(`${message}\n`),
    });
  } catch (e) {
    if (e instanceof AuthConfigError) throw new UsageError(e.message);
    throw e;
  }
}
