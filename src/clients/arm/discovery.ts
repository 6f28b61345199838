// Finds Microsoft.Kusto/clusters across subscriptions with @azure/arm-kusto,
// with each cluster's URI and managed identities. One subscription failing
// (no access, throttled) is reported beside the others' clusters.
import type { TokenCredential } from '@azure/core-auth';
import { deadlineSignal } from '../deadline';
import { TrackingCredential } from '../trackingCredential';
import { armEndpointSettings, type ArmEndpointSettings } from './endpoint';
import { ArmRequestError, toArmRequestError } from './errors';
import { clusterIdentities, type ArmIdentityBlock, type ClusterIdentity } from './identities';
import { listSubscriptions, type SubscriptionInfo } from './subscriptions';
import { retryDroppedBodies } from './droppedBody';
import { useLoopbackBearer } from './loopbackBearer';

export interface DiscoveredCluster {
  readonly id: string;
  readonly name: string;
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly location: string;
  /** Running, Stopped, … */
  readonly state?: string;
  /** The cluster's query endpoint, e.g. https://name.region.kusto.windows.net. */
  readonly uri: string;
  readonly identities: ClusterIdentity[];
}

export interface DiscoveryOptions {
  /** ARM endpoint (default https://management.azure.com); http only for loopback test servers. */
  readonly endpoint?: string;
  /** Skip listing subscriptions and look only in these. */
  readonly subscriptionIds?: readonly string[];
  readonly signal?: AbortSignal;
  /** Per request (default 30 s). */
  readonly timeoutMs?: number;
  /** The SDK's own retry policy for 429/5xx; tests shorten the delays. */
  readonly sdkRetry?: { readonly maxRetries?: number; readonly retryDelayInMs?: number; readonly maxRetryDelayInMs?: number };
}

export interface DiscoveryResult {
  readonly subscriptions: SubscriptionInfo[];
  readonly clusters: DiscoveredCluster[];
  readonly failures: { readonly subscriptionId: string; readonly error: ArmRequestError }[];
}

/** Subscriptions in these states still answer reads. */
const READABLE = new Set(['enabled', 'warned', 'pastdue']);

export async function discoverKustoClusters(credential: TokenCredential, options: DiscoveryOptions = {}): Promise<DiscoveryResult> {
  const settings = armEndpointSettings(options.endpoint);
  const tracking = new TrackingCredential(credential);
  const subscriptions = options.subscriptionIds
    ? options.subscriptionIds.map((id) => ({ subscriptionId: id, displayName: id, state: 'Enabled' }))
    : await listSubscriptions(tracking, settings, { signal: options.signal, timeoutMs: options.timeoutMs });
  const readable = subscriptions.filter((s) => READABLE.has(s.state.toLowerCase()));
  const results = await Promise.all(readable.map(async (s) => {
    try {
      return { clusters: await listClustersWith(tracking, settings, s.subscriptionId, options) };
    } catch (e) {
      return { failure: { subscriptionId: s.subscriptionId, error: e as ArmRequestError } };
    }
  }));
  if (options.signal?.aborted) {
    throw new ArmRequestError('cancelled', `Could not list the Kusto clusters at ${settings.endpoint}: cancelled.`);
  }
  return {
    subscriptions,
    clusters: results.flatMap((r) => r.clusters ?? []),
    failures: results.flatMap((r) => (r.failure ? [r.failure] : [])),
  };
}

/** The Kusto clusters of one subscription. */
export async function listClusters(credential: TokenCredential, subscriptionId: string, options: DiscoveryOptions = {}): Promise<DiscoveredCluster[]> {
  const tracking = credential instanceof TrackingCredential ? credential : new TrackingCredential(credential);
  return listClustersWith(tracking, armEndpointSettings(options.endpoint), subscriptionId, options);
}

/** One cluster by resource group and name (the ARM GET of the cluster resource). */
export async function getKustoCluster(
  credential: TokenCredential,
  where: { readonly subscriptionId: string; readonly resourceGroup: string; readonly name: string },
  options: DiscoveryOptions = {},
): Promise<DiscoveredCluster> {
  const settings = armEndpointSettings(options.endpoint);
  const tracking = new TrackingCredential(credential);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadline = deadlineSignal(options.signal, timeoutMs);
  try {
    const client = await createClient(tracking, settings, where.subscriptionId, options);
    const cluster = toDiscovered(await client.clusters.get(where.resourceGroup, where.name, { abortSignal: deadline.signal }), where.subscriptionId);
    if (!cluster) throw new SyntaxError('The cluster resource has no id, name or uri.');
    return cluster;
  } catch (e) {
    throw toArmRequestError(e, {
      what: `read Kusto cluster '${where.name}' in resource group '${where.resourceGroup}' at`, endpoint: settings.endpoint,
      timedOut: deadline.timedOut(), cancelled: deadline.cancelled(), timeoutMs, secrets: tracking.tokens,
    });
  }
}

async function listClustersWith(
  credential: TrackingCredential,
  settings: ArmEndpointSettings,
  subscriptionId: string,
  options: DiscoveryOptions,
): Promise<DiscoveredCluster[]> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadline = deadlineSignal(options.signal, timeoutMs);
  try {
    const client = await createClient(credential, settings, subscriptionId, options);
    const out: DiscoveredCluster[] = [];
    // clusters.list() reads one page: the Kusto RP returns every cluster in it.
    for await (const c of client.clusters.list({ abortSignal: deadline.signal })) {
      const cluster = toDiscovered(c, subscriptionId);
      if (cluster) out.push(cluster);
    }
    return out;
  } catch (e) {
    throw toArmRequestError(e, {
      what: `list the Kusto clusters of subscription ${subscriptionId} at`, endpoint: settings.endpoint,
      timedOut: deadline.timedOut(), cancelled: deadline.cancelled(), timeoutMs, secrets: credential.tokens,
    });
  }
}

interface SdkCluster {
  readonly id?: string;
  readonly name?: string;
  readonly location: string;
  readonly state?: string;
  readonly uri?: string;
  readonly identity?: ArmIdentityBlock;
}

function toDiscovered(c: SdkCluster, subscriptionId: string): DiscoveredCluster | undefined {
  if (!c.id || !c.name || !c.uri) return undefined;
  return {
    id: c.id,
    name: c.name,
    subscriptionId,
    resourceGroup: /\/resourceGroups\/([^/]+)/i.exec(c.id)?.[1] ?? '',
    location: c.location,
    ...(c.state ? { state: c.state } : {}),
    uri: c.uri,
    identities: clusterIdentities(c.identity, c.name, c.uri),
  };
}

async function createClient(credential: TokenCredential, settings: ArmEndpointSettings, subscriptionId: string, options: DiscoveryOptions) {
  // Loaded on first use: discovery is rare and the SDK is not small.
  const { KustoManagementClient } = await import('@azure/arm-kusto');
  const client = new KustoManagementClient(credential, subscriptionId, {
    endpoint: settings.endpoint,
    $host: settings.endpoint,
    credentialScopes: settings.scope,
    allowInsecureConnection: settings.allowInsecureConnection,
    ...(options.sdkRetry ? { retryOptions: options.sdkRetry } : {}),
  });
  if (settings.allowInsecureConnection) useLoopbackBearer(client.pipeline, credential, settings.scope);
  retryDroppedBodies(client.pipeline);
  return client;
}
