// Demo ARM data: one subscription holding the demo cluster (pointing at the
// local Kusto server), a second with a cluster without identities, and a
// disabled third one.
import { DEMO_RESOURCE_GROUP, DEMO_SUBSCRIPTION_ID, DEMO_TENANT_ID, demoClusterState } from '../kusto/seed';
import type { ClusterState } from '../kusto/state';
import { armClusterFromKusto, type ArmState } from './state';

export const DEMO_SECOND_SUBSCRIPTION_ID = '5c2e9a10-7f3b-4c55-9d1e-444455556666';

export function demoArmState(kustoUrl: string, cluster: ClusterState = demoClusterState()): ArmState {
  return {
    tenantId: DEMO_TENANT_ID,
    subscriptions: [
      {
        subscriptionId: DEMO_SUBSCRIPTION_ID,
        displayName: 'Contoso Analytics',
        state: 'Enabled',
        clusters: [armClusterFromKusto(cluster, { uri: kustoUrl, resourceGroup: DEMO_RESOURCE_GROUP })],
      },
      {
        subscriptionId: DEMO_SECOND_SUBSCRIPTION_ID,
        displayName: 'Contoso Dev',
        state: 'Enabled',
        clusters: [{
          resourceGroup: 'rg-dev', name: 'devnoidentity', location: 'North Europe',
          uri: 'https://devnoidentity.northeurope.kusto.windows.net', state: 'Stopped', identity: { type: 'None' },
        }],
      },
      { subscriptionId: '9e8d7c6b-5a49-4838-a271-000000000003', displayName: 'Old subscription', state: 'Disabled', clusters: [] },
    ],
  };
}
