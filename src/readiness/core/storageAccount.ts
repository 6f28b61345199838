// The storage account behind the blob URI, looked up once per check and read
// by the role and firewall steps. A lookup that could not decide says why.
import type { StorageAccountInfo } from '../../clients/arm/storageAccounts';
import type { ArmReadiness } from './services';
import { plural } from './words';

export type AccountLookup =
  | { readonly kind: 'found'; readonly account: StorageAccountInfo; readonly subscriptionNames: ReadonlyMap<string, string> }
  | { readonly kind: 'unavailable'; readonly reason: string };

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function lookupAccount(accountName: string | undefined, arm: ArmReadiness | undefined, armUnavailable: string | undefined, signal?: AbortSignal): Promise<AccountLookup> {
  if (!accountName) return { kind: 'unavailable', reason: 'The URI names no storage account.' };
  if (!arm) return { kind: 'unavailable', reason: armUnavailable ?? 'Azure Resource Manager is not available.' };
  try {
    const search = await arm.findStorageAccount(accountName, signal);
    const subscriptionNames = new Map(search.subscriptions.map((s) => [s.subscriptionId.toLowerCase(), s.displayName]));
    if (search.account) return { kind: 'found', account: search.account, subscriptionNames };
    const failed = search.failures.length > 0
      ? ` ${plural(search.failures.length, 'subscription')} could not be read: ${search.failures[0].error.message}`
      : ' It is missing (deleted, or the name is misspelt), or in a subscription or tenant the signed-in account cannot see; a cluster\'s managed identity cannot read storage in another tenant.';
    return { kind: 'unavailable', reason: `No storage account named '${accountName}' was found in the ${plural(search.subscriptions.length, 'subscription')} searched.${failed}` };
  } catch (e) {
    return { kind: 'unavailable', reason: message(e) };
  }
}

/** Why the account cannot serve data at all, whatever the roles: disabled subscription, unavailable primary. */
export function accountOutOfService(account: StorageAccountInfo): string | undefined {
  if (account.subscriptionState && account.subscriptionState.toLowerCase() === 'disabled') {
    return `Storage account ${account.name} is in a disabled subscription (${account.subscriptionId}): it refuses every data request (AccountIsDisabled), whatever the roles. Re-enable the subscription, or use another account.`;
  }
  if (account.statusOfPrimary && account.statusOfPrimary.toLowerCase() === 'unavailable') {
    return `Storage account ${account.name} reports its primary location as unavailable (statusOfPrimary): it cannot serve data now, whatever the roles.`;
  }
  return undefined;
}

/** The account is in another tenant than the cluster's identity. */
export function otherTenant(account: StorageAccountInfo, identityTenantId: string | undefined): string | undefined {
  if (!identityTenantId || !account.tenantId || account.tenantId.toLowerCase() === identityTenantId.toLowerCase()) return undefined;
  return `Storage account ${account.name} is in tenant ${account.tenantId}, the cluster's identity in tenant ${identityTenantId}: a managed identity cannot be granted access to storage in another tenant. Use an account in the cluster's tenant.`;
}
