// Step 6: does the storage account's firewall let the cluster in? With
// `networkAcls.defaultAction: Deny`, a request from Kusto with its managed
// identity gets through when trusted Azure services are allowed (`bypass`
// holds `AzureServices`) or a resource-instance rule names the cluster; those
// exceptions are documented for the cluster's system-assigned identity, and
// `;impersonate` (the caller's own token) is covered by neither. The fix is a
// change only a person makes: the portal path, the ARM property, az's line.
import type { StorageAccountInfo } from '../../clients/arm/storageAccounts';
import { step, unknownStep, type Evidence, type ReadinessFix, type StepResult } from './model';
import type { AccountLookup } from './storageAccount';

export interface NetworkStepInput {
  readonly account: AccountLookup;
  /** `system`, `user` (user-assigned) or undefined when not known. */
  readonly identityKind?: 'system' | 'user';
  /** The cluster's ARM resource id, for resource-instance rules. */
  readonly clusterResourceId?: string;
  readonly clusterTenantId?: string;
  /** The URI uses `;impersonate` rather than a managed identity. */
  readonly impersonate?: boolean;
}

function hasBypass(bypass: string | undefined, what: string): boolean {
  return (bypass ?? '').split(',').some((b) => b.trim().toLowerCase() === what.toLowerCase());
}

function fixFor(account: StorageAccountInfo, clusterResourceId: string | undefined, tenantId: string | undefined): ReadinessFix {
  const rg = account.resourceGroup;
  const cluster = clusterResourceId ?? '<cluster resource id>';
  const bypass = [...new Set([...(account.networkAcls?.bypass ?? '').split(',').map((b) => b.trim()).filter((b) => b && b.toLowerCase() !== 'none'), 'AzureServices'])].join(', ');
  return {
    kind: 'manual',
    title: `Let the cluster through the firewall of storage account ${account.name}`,
    portal: `Azure portal → storage account ${account.name} → Security + networking → Networking → Firewalls and virtual networks: under Resource instances add resource type Microsoft.Kusto/Clusters, instance ${cluster.split('/').pop()}; or under Exceptions tick "Allow Azure services on the trusted services list to access this storage account".`,
    armProperty: `properties.networkAcls.resourceAccessRules += { "tenantId": "${tenantId ?? '<tenant id>'}", "resourceId": "${cluster}" }, or properties.networkAcls.bypass = "${bypass}"`,
    cli: `az storage account network-rule add --resource-group ${rg} --account-name ${account.name} --resource-id ${cluster} --tenant-id ${tenantId ?? '<tenant id>'}`,
  };
}

export function networkStep(input: NetworkStepInput): StepResult {
  const summary = 'Could not check the storage account\'s firewall.';
  if (input.account.kind === 'unavailable') return unknownStep('network', summary, input.account.reason);
  const { account } = input.account;
  const acls = account.networkAcls;
  const evidence: Evidence[] = [{ label: 'Storage account', value: account.id }];
  if (account.publicNetworkAccess) evidence.push({ label: 'publicNetworkAccess', value: account.publicNetworkAccess });
  if (acls) {
    evidence.push({ label: 'networkAcls.defaultAction', value: acls.defaultAction });
    evidence.push({ label: 'networkAcls.bypass', value: acls.bypass ?? '(none)' });
    evidence.push({ label: 'networkAcls.resourceAccessRules', value: acls.resourceAccessRules.map((r) => r.resourceId).join('; ') || '(none)' });
    if (acls.ipRules + acls.virtualNetworkRules > 0) {
      evidence.push({ label: 'Other rules', value: `${acls.ipRules} IP rule${acls.ipRules === 1 ? '' : 's'}, ${acls.virtualNetworkRules} virtual network rule${acls.virtualNetworkRules === 1 ? '' : 's'} (they do not cover Kusto's managed identity)` });
    }
  }
  if (account.publicNetworkAccess?.toLowerCase() === 'disabled') {
    return unknownStep('network', `Storage account ${account.name} takes no public traffic (publicNetworkAccess: Disabled).`,
      'Kusto then reaches it only through a managed private endpoint of the cluster, which this check does not read.', evidence);
  }
  if (!acls || acls.defaultAction.toLowerCase() !== 'deny') {
    return step('network', 'pass', `Storage account ${account.name} accepts traffic from all networks (networkAcls.defaultAction: ${acls?.defaultAction ?? 'Allow'}).`, evidence);
  }
  const fix = fixFor(account, input.clusterResourceId, input.clusterTenantId);
  if (input.impersonate) {
    return step('network', 'fail', `Storage account ${account.name} denies public traffic by default, and ;impersonate is not covered by the trusted-services or resource-instance exceptions. Use ;managed_identity=system with the exception below, or allow the network.`, evidence, { fix });
  }
  const rule = input.clusterResourceId
    ? acls.resourceAccessRules.find((r) => r.resourceId.toLowerCase().replace(/\/+$/, '') === input.clusterResourceId!.toLowerCase().replace(/\/+$/, ''))
    : undefined;
  const trusted = hasBypass(acls.bypass, 'AzureServices');
  if (input.identityKind === 'user') {
    return unknownStep('network', `Storage account ${account.name} denies public traffic by default${rule ? ' (a resource-instance rule names the cluster)' : trusted ? ' (trusted Azure services are allowed)' : ''}.`,
      'The trusted-service and resource-instance exceptions are documented for the cluster\'s system-assigned identity; whether they admit a user-assigned one is not checked here.', evidence);
  }
  if (rule) return step('network', 'pass', `Storage account ${account.name} denies public traffic by default, but a resource-instance rule names the cluster (${rule.resourceId}).`, evidence);
  if (trusted) return step('network', 'pass', `Storage account ${account.name} denies public traffic by default, but allows trusted Azure services (bypass: ${acls.bypass}), which covers the cluster's system-assigned identity.`, evidence);
  if (!input.clusterResourceId) {
    return unknownStep('network', `Storage account ${account.name} denies public traffic by default and does not allow trusted Azure services.`,
      'The cluster\'s resource id is not known, so its resource-instance rules cannot be matched.', evidence);
  }
  return step('network', 'fail',
    `Storage account ${account.name} denies public traffic by default (networkAcls.defaultAction: Deny): neither a resource-instance rule for the cluster nor the trusted Azure services exception (bypass: ${acls.bypass ?? 'None'}) lets Kusto in, so it is refused whatever the roles.`,
    evidence, { fix });
}
