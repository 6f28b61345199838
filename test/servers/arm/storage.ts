// Microsoft.Storage/storageAccounts as ARM lists them per subscription.
import type { ArmStorageAccountState } from './state';

export const STORAGE_ACCOUNTS = /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.Storage\/storageAccounts\/?$/i;

export function storageAccountId(subscriptionId: string, a: ArmStorageAccountState): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${a.resourceGroup}/providers/Microsoft.Storage/storageAccounts/${a.name}`;
}

export function storageAccountResource(subscriptionId: string, a: ArmStorageAccountState): unknown {
  const endpoint = (service: string) => `https://${a.name}.${service}.core.windows.net/`;
  return {
    id: storageAccountId(subscriptionId, a),
    name: a.name,
    type: 'Microsoft.Storage/storageAccounts',
    location: a.location.toLowerCase().replace(/\s+/g, ''),
    kind: a.kind ?? 'StorageV2',
    sku: { name: 'Standard_LRS', tier: 'Standard' },
    tags: {},
    properties: {
      provisioningState: 'Succeeded',
      creationTime: '2024-03-01T09:00:00.0000000Z',
      primaryLocation: a.location.toLowerCase().replace(/\s+/g, ''),
      statusOfPrimary: a.statusOfPrimary ?? 'available',
      publicNetworkAccess: a.publicNetworkAccess ?? 'Enabled',
      networkAcls: {
        bypass: a.networkAcls?.bypass ?? 'AzureServices',
        defaultAction: a.networkAcls?.defaultAction ?? 'Allow',
        ipRules: (a.networkAcls?.ipRules ?? []).map((value) => ({ value, action: 'Allow' })),
        virtualNetworkRules: (a.networkAcls?.virtualNetworkRules ?? []).map((id) => ({ id, action: 'Allow', state: 'Succeeded' })),
        resourceAccessRules: a.networkAcls?.resourceAccessRules ?? [],
      },
      isHnsEnabled: a.isHnsEnabled ?? false,
      allowBlobPublicAccess: false,
      allowSharedKeyAccess: true,
      minimumTlsVersion: 'TLS1_2',
      supportsHttpsTrafficOnly: true,
      accessTier: 'Hot',
      primaryEndpoints: {
        blob: endpoint('blob'), dfs: endpoint('dfs'), queue: endpoint('queue'), table: endpoint('table'), file: endpoint('file'), web: endpoint('z6.web'),
      },
    },
  };
}
