// Demo ARM data: one subscription holding the demo cluster (pointing at the
// local Kusto server) and the storage account `contosodata`, a second with a
// cluster without identities and the account `contosoarchive`, and a disabled
// third one. Role assignments cover each readiness verdict for `contosodata`:
// the system identity has Storage Blob Data Reader on the account, ingest-mi
// Storage Blob Data Contributor on the resource group (inherited), and
// export-mi only Owner on the subscription (control plane: not enough).
import { DEMO_IDS, DEMO_RESOURCE_GROUP, DEMO_SUBSCRIPTION_ID, DEMO_TENANT_ID, demoClusterState } from '../kusto/seed';
import type { ClusterState } from '../kusto/state';
import { builtInRoleDefinitions, ROLE_IDS } from './roles';
import { storageAccountId } from './storage';
import { armClusterFromKusto, type ArmState, type ArmStorageAccountState } from './state';

export const DEMO_SECOND_SUBSCRIPTION_ID = '5c2e9a10-7f3b-4c55-9d1e-444455556666';

/** The demo's storage accounts and a user who administers the subscription. */
export const DEMO_STORAGE = {
  account: 'contosodata',
  archiveAccount: 'contosoarchive',
  adminPrincipalId: '0d3c2b1a-9f8e-4d7c-a6b5-000000000a11',
} as const;

const CONTOSODATA: ArmStorageAccountState = { resourceGroup: DEMO_RESOURCE_GROUP, name: DEMO_STORAGE.account, location: 'West Europe', kind: 'StorageV2' };
const CONTOSOARCHIVE: ArmStorageAccountState = { resourceGroup: 'rg-dev', name: DEMO_STORAGE.archiveAccount, location: 'North Europe', kind: 'StorageV2', isHnsEnabled: true };

/** `/subscriptions/<demo>/resourceGroups/rg-kusto-demo/providers/Microsoft.Storage/storageAccounts/contosodata`. */
export const DEMO_STORAGE_ACCOUNT_ID = storageAccountId(DEMO_SUBSCRIPTION_ID, CONTOSODATA);

export function demoArmState(kustoUrl: string, cluster: ClusterState = demoClusterState()): ArmState {
  const subscription = `/subscriptions/${DEMO_SUBSCRIPTION_ID}`;
  return {
    tenantId: DEMO_TENANT_ID,
    subscriptions: [
      {
        subscriptionId: DEMO_SUBSCRIPTION_ID,
        displayName: 'Contoso Analytics',
        state: 'Enabled',
        clusters: [armClusterFromKusto(cluster, { uri: kustoUrl, resourceGroup: DEMO_RESOURCE_GROUP })],
        storageAccounts: [{ ...CONTOSODATA }],
      },
      {
        subscriptionId: DEMO_SECOND_SUBSCRIPTION_ID,
        displayName: 'Contoso Dev',
        state: 'Enabled',
        clusters: [{
          resourceGroup: 'rg-dev', name: 'devnoidentity', location: 'North Europe',
          uri: 'https://devnoidentity.northeurope.kusto.windows.net', state: 'Stopped', identity: { type: 'None' },
        }],
        storageAccounts: [{ ...CONTOSOARCHIVE }],
      },
      { subscriptionId: '9e8d7c6b-5a49-4838-a271-000000000003', displayName: 'Old subscription', state: 'Disabled', clusters: [] },
    ],
    roleDefinitions: builtInRoleDefinitions(),
    roleAssignments: [
      {
        name: '1f0c4a2e-0001-4a6b-9c1d-5e2f3a4b5c01', scope: DEMO_STORAGE_ACCOUNT_ID, roleDefinitionName: ROLE_IDS.storageBlobDataReader,
        principalId: DEMO_IDS.systemPrincipalId, principalType: 'ServicePrincipal',
      },
      {
        name: '1f0c4a2e-0002-4a6b-9c1d-5e2f3a4b5c02', scope: `${subscription}/resourceGroups/${DEMO_RESOURCE_GROUP}`,
        roleDefinitionName: ROLE_IDS.storageBlobDataContributor, principalId: DEMO_IDS.ingestPrincipalId, principalType: 'ServicePrincipal',
      },
      {
        name: '1f0c4a2e-0003-4a6b-9c1d-5e2f3a4b5c03', scope: subscription, roleDefinitionName: ROLE_IDS.owner,
        principalId: DEMO_IDS.exportPrincipalId, principalType: 'ServicePrincipal',
      },
      {
        name: '1f0c4a2e-0004-4a6b-9c1d-5e2f3a4b5c04', scope: subscription, roleDefinitionName: ROLE_IDS.owner,
        principalId: DEMO_STORAGE.adminPrincipalId, principalType: 'User',
      },
    ],
  };
}
