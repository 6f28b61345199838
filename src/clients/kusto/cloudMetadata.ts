// The cluster's auth metadata (`GET /v1/rest/auth/metadata`), fetched by us
// under a deadline and handed to azure-kusto-data through its cloud-settings
// cache. The SDK's own request has no timeout and survives client.close(): a
// cluster that never answers it would keep a CLI process (or a tree node)
// waiting forever. With the cache seeded, the SDK never sends it.
import type { KustoSdk } from './sdk';

/** What classifyError reads: the HTTP status, or the network code. */
export class CloudMetadataError extends Error {
  override readonly name = 'CloudMetadataError';

  constructor(message: string, readonly facts: { readonly status?: number; readonly code?: string; readonly malformed?: boolean }) {
    super(message);
  }
}

type CloudInfo = Parameters<KustoSdk['CloudSettings']['writeToCache']>[1];

/** Resolves once the SDK's cache holds the cluster's cloud info; rejects (CloudMetadataError, or the signal's reason) otherwise. */
export async function ensureCloudInfo(sdk: KustoSdk, clusterUrl: string, signal: AbortSignal): Promise<void> {
  const settings = sdk.CloudSettings;
  if (settings.getFromCache(clusterUrl) !== undefined) return;
  const origin = new URL(clusterUrl).origin;
  let response: Response;
  try {
    response = await fetch(`${origin}/v1/rest/auth/metadata`, { signal, redirect: 'manual', headers: { 'cache-control': 'no-cache' } });
  } catch (e) {
    if (signal.aborted) throw signal.reason;
    throw new CloudMetadataError(`Failed to get cloud info for cluster ${origin}`, { code: networkCode(e) });
  }
  if (response.status === 404) {
    // As the SDK does: a proxy without the endpoint means the public cloud.
    await response.body?.cancel();
    settings.writeToCache(clusterUrl);
    return;
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    throw new CloudMetadataError(`Failed to get cloud info for cluster ${origin}: HTTP ${response.status}`, { status: response.status });
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (e) {
    if (signal.aborted) throw signal.reason;
    const code = networkCode(e);
    throw new CloudMetadataError(`Failed to get cloud info for cluster ${origin}`, code ? { code } : { malformed: true });
  }
  const azureAd = typeof body === 'object' && body !== null ? (body as { AzureAD?: unknown }).AzureAD : undefined;
  settings.writeToCache(clusterUrl, typeof azureAd === 'object' && azureAd !== null ? (azureAd as CloudInfo) : undefined);
}

/** fetch wraps socket errors in `TypeError: fetch failed` with the cause's code. */
function networkCode(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; cur && depth < 4; cur = (cur as { cause?: unknown }).cause, depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (code === 'UND_ERR_SOCKET' || code === 'UND_ERR_CLOSED') return 'ECONNRESET';
      if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return 'ETIMEDOUT';
      return code;
    }
  }
  return /terminated|other side closed/i.test(String((e as { message?: unknown })?.message)) ? 'ECONNRESET' : undefined;
}
