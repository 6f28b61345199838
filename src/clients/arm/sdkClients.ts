// Azure SDK clients for storage accounts and role-based access control, built
// the same way as the Kusto one in discovery.ts. The SDKs are imported on
// first use (esbuild's LAZY_VENDORS makes each a bundle of its own).
import type { TokenCredential } from '@azure/core-auth';
import type { ArmEndpointSettings } from './endpoint';
import { retryDroppedBodies } from './droppedBody';
import { useLoopbackBearer } from './loopbackBearer';

export interface ArmCallOptions {
  /** ARM endpoint (default https://management.azure.com); http only for loopback test servers. */
  readonly endpoint?: string;
  readonly signal?: AbortSignal;
  /** Per request (default 30 s). */
  readonly timeoutMs?: number;
  /** The SDK's own retry policy for 429/5xx; tests shorten the delays. */
  readonly sdkRetry?: { readonly maxRetries?: number; readonly retryDelayInMs?: number; readonly maxRetryDelayInMs?: number };
}

function clientOptions(settings: ArmEndpointSettings, options: ArmCallOptions) {
  return {
    endpoint: settings.endpoint,
    $host: settings.endpoint,
    credentialScopes: settings.scope,
    allowInsecureConnection: settings.allowInsecureConnection,
    ...(options.sdkRetry ? { retryOptions: options.sdkRetry } : {}),
  };
}

export async function createAuthorizationClient(credential: TokenCredential, settings: ArmEndpointSettings, subscriptionId: string, options: ArmCallOptions) {
  const { AuthorizationManagementClient } = await import('@azure/arm-authorization');
  const client = new AuthorizationManagementClient(credential, subscriptionId, clientOptions(settings, options));
  if (settings.allowInsecureConnection) useLoopbackBearer(client.pipeline, credential, settings.scope);
  retryDroppedBodies(client.pipeline);
  return client;
}

export async function createStorageClient(credential: TokenCredential, settings: ArmEndpointSettings, subscriptionId: string, options: ArmCallOptions) {
  const { StorageManagementClient } = await import('@azure/arm-storage');
  const client = new StorageManagementClient(credential, subscriptionId, clientOptions(settings, options));
  if (settings.allowInsecureConnection) useLoopbackBearer(client.pipeline, credential, settings.scope);
  retryDroppedBodies(client.pipeline);
  return client;
}

/**
 * The SDKs' paths are templates like `/{scope}/providers/...` with the scope
 * inserted unencoded: a scope written as ARM shows it (`/subscriptions/...`)
 * gives `//subscriptions/...`, which URL parsing reads as a host name. They
 * want it without the leading slash.
 */
export function sdkScope(scope: string): string {
  return scope.replace(/^\/+/, '');
}

/** The subscription id in a scope or resource id. */
export function subscriptionOf(scope: string): string | undefined {
  return /^\/?subscriptions\/([^/]+)/i.exec(scope)?.[1];
}
