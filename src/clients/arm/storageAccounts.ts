// Finds a storage account's resource id by its name (the first label of the
// blob URI's host) across the signed-in account's subscriptions, with
// @azure/arm-storage's `storageAccounts.list()`. Names are unique within a
// cloud, so the first match is the account. One subscription failing is
// reported beside the search, so "not found" is never claimed when a
// subscription could not be read.
import type { TokenCredential } from '@azure/core-auth';
import { deadlineSignal } from '../deadline';
import { TrackingCredential } from '../trackingCredential';
import { armEndpointSettings, type ArmEndpointSettings } from './endpoint';
import { ArmRequestError, toArmRequestError } from './errors';
import { createStorageClient, type ArmCallOptions } from './sdkClients';
import { listSubscriptions, type SubscriptionInfo } from './subscriptions';

export interface StorageAccountInfo {
  readonly id: string;
  readonly name: string;
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly location?: string;
  /** `https://<name>.blob.core.windows.net/` as ARM reports it. */
  readonly blobEndpoint?: string;
  /** The firewall (`properties.networkAcls`); absent when ARM shows none. */
  readonly networkAcls?: StorageNetworkAcls;
  /** `Enabled`, `Disabled` or `SecuredByPerimeter` (`properties.publicNetworkAccess`). */
  readonly publicNetworkAccess?: string;
  /** `available` or `unavailable` (`properties.statusOfPrimary`). */
  readonly statusOfPrimary?: string;
  /** The state of the subscription holding it (Enabled, Disabled, ...). */
  readonly subscriptionState?: string;
  /** The tenant of that subscription, when ARM says. */
  readonly tenantId?: string;
}

export interface StorageNetworkAcls {
  /** `Allow` or `Deny`. */
  readonly defaultAction: string;
  /** Comma-separated: `None`, `AzureServices`, `Logging`, `Metrics`. */
  readonly bypass?: string;
  readonly resourceAccessRules: readonly { readonly tenantId?: string; readonly resourceId: string }[];
  readonly ipRules: number;
  readonly virtualNetworkRules: number;
}

export interface StorageAccountSearch {
  readonly account?: StorageAccountInfo;
  /** The subscriptions looked in. */
  readonly subscriptions: readonly SubscriptionInfo[];
  readonly failures: readonly { readonly subscriptionId: string; readonly error: ArmRequestError }[];
}

export interface StorageSearchOptions extends ArmCallOptions {
  /** Look only in these subscriptions (default: every readable one). */
  readonly subscriptionIds?: readonly string[];
}

const READABLE = new Set(['enabled', 'warned', 'pastdue']);

export async function findStorageAccount(credential: TokenCredential, accountName: string, options: StorageSearchOptions = {}): Promise<StorageAccountSearch> {
  const settings = armEndpointSettings(options.endpoint);
  const tracking = new TrackingCredential(credential);
  const subscriptions = options.subscriptionIds
    ? options.subscriptionIds.map((id): SubscriptionInfo => ({ subscriptionId: id, displayName: id, state: 'Enabled' }))
    : (await listSubscriptions(tracking, settings, { signal: options.signal, timeoutMs: options.timeoutMs }))
      .filter((s) => READABLE.has(s.state.toLowerCase()));
  const wanted = accountName.toLowerCase();
  const failures: { subscriptionId: string; error: ArmRequestError }[] = [];
  const results = await Promise.all(subscriptions.map(async (s) => {
    try {
      const found = (await listAccounts(tracking, settings, s.subscriptionId, options)).find((a) => a.name.toLowerCase() === wanted);
      return found && { ...found, subscriptionState: s.state, ...(s.tenantId ? { tenantId: s.tenantId } : {}) };
    } catch (e) {
      failures.push({ subscriptionId: s.subscriptionId, error: e as ArmRequestError });
      return undefined;
    }
  }));
  let account: StorageAccountInfo | undefined = results.find((a) => a !== undefined);
  if (!account && !options.subscriptionIds) account = await findInDisabled(tracking, settings, wanted, options);
  return { ...(account ? { account } : {}), subscriptions, failures };
}

/**
 * A disabled subscription's accounts are read-only in ARM and refuse data
 * access: look there last, so that such an account is reported as disabled
 * rather than missing. Failures here are not the search's failures.
 */
async function findInDisabled(credential: TrackingCredential, settings: ArmEndpointSettings, wanted: string, options: StorageSearchOptions): Promise<StorageAccountInfo | undefined> {
  let all: SubscriptionInfo[];
  try {
    all = await listSubscriptions(credential, settings, { signal: options.signal, timeoutMs: options.timeoutMs });
  } catch {
    return undefined;
  }
  for (const s of all.filter((x) => x.state.toLowerCase() === 'disabled')) {
    try {
      const found = (await listAccounts(credential, settings, s.subscriptionId, options)).find((a) => a.name.toLowerCase() === wanted);
      if (found) return { ...found, subscriptionState: s.state, ...(s.tenantId ? { tenantId: s.tenantId } : {}) };
    } catch {
      // Not readable: the account stays "not found".
    }
  }
  return undefined;
}

async function listAccounts(credential: TrackingCredential, settings: ArmEndpointSettings, subscriptionId: string, options: ArmCallOptions): Promise<StorageAccountInfo[]> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadline = deadlineSignal(options.signal, timeoutMs);
  try {
    const client = await createStorageClient(credential, settings, subscriptionId, options);
    const out: StorageAccountInfo[] = [];
    for await (const a of client.storageAccounts.list({ abortSignal: deadline.signal })) {
      if (!a.id || !a.name) continue;
      out.push({
        id: a.id,
        name: a.name,
        subscriptionId,
        resourceGroup: /\/resourceGroups\/([^/]+)/i.exec(a.id)?.[1] ?? '',
        ...(a.location ? { location: a.location } : {}),
        ...(a.primaryEndpoints?.blob ? { blobEndpoint: a.primaryEndpoints.blob } : {}),
        ...(a.networkRuleSet ? {
          networkAcls: {
            defaultAction: a.networkRuleSet.defaultAction,
            ...(a.networkRuleSet.bypass ? { bypass: a.networkRuleSet.bypass } : {}),
            resourceAccessRules: (a.networkRuleSet.resourceAccessRules ?? []).filter((r) => r.resourceId)
              .map((r) => ({ resourceId: r.resourceId!, ...(r.tenantId ? { tenantId: r.tenantId } : {}) })),
            ipRules: a.networkRuleSet.ipRules?.length ?? 0,
            virtualNetworkRules: a.networkRuleSet.virtualNetworkRules?.length ?? 0,
          },
        } : {}),
        ...(a.publicNetworkAccess ? { publicNetworkAccess: a.publicNetworkAccess } : {}),
        ...(a.statusOfPrimary ? { statusOfPrimary: a.statusOfPrimary } : {}),
      });
    }
    return out;
  } catch (e) {
    throw toArmRequestError(e, {
      what: `list the storage accounts of subscription ${subscriptionId} at`, endpoint: settings.endpoint,
      timedOut: deadline.timedOut(), cancelled: deadline.cancelled(), timeoutMs, secrets: credential.tokens,
    });
  }
}
