// Cluster discovery for the `vscode` sign-in: the subscriptions Azure
// Resources shows (its tenant and subscription filters), each tenant read with
// its own subscription's credential, so a multi-tenant account finds the
// clusters of every tenant it is signed in to.
import type { AzureSubscription } from '@microsoft/vscode-azext-azureauth';
import { discoverKustoClusters, type DiscoveryResult } from '../clients/arm/discovery';

export interface TenantGroup {
  readonly tenantId: string;
  readonly subscriptions: readonly AzureSubscription[];
}

export function groupByTenant(subscriptions: readonly AzureSubscription[]): TenantGroup[] {
  const groups = new Map<string, AzureSubscription[]>();
  for (const s of subscriptions) {
    // The same subscription can come once per account: look in it once.
    const list = groups.get(s.tenantId) ?? [];
    if (!list.some((x) => x.subscriptionId === s.subscriptionId)) list.push(s);
    groups.set(s.tenantId, list);
  }
  return [...groups].map(([tenantId, subs]) => ({ tenantId, subscriptions: subs }));
}

export interface AccountDiscoveryOptions {
  readonly endpoint: string;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

export async function discoverInTenants(groups: readonly TenantGroup[], options: AccountDiscoveryOptions): Promise<DiscoveryResult> {
  const results = await Promise.all(groups.map((g) => discoverKustoClusters(g.subscriptions[0].credential, {
    endpoint: options.endpoint,
    subscriptionIds: g.subscriptions.map((s) => s.subscriptionId),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  })));
  return {
    subscriptions: groups.flatMap((g) => g.subscriptions.map((s) => ({ subscriptionId: s.subscriptionId, displayName: s.name, state: 'Enabled', tenantId: s.tenantId }))),
    clusters: results.flatMap((r) => r.clusters),
    failures: results.flatMap((r) => r.failures),
  };
}
