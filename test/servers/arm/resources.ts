// ARM JSON as Azure Resource Manager returns it for subscriptions and
// Microsoft.Kusto/clusters, plus its error body.
import { createHash } from 'node:crypto';
import type { ArmClusterState, ArmState, ArmSubscriptionState } from './state';

export function subscriptionResource(sub: ArmSubscriptionState, tenantId: string): unknown {
  return {
    id: `/subscriptions/${sub.subscriptionId}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId: sub.subscriptionId,
    tenantId: sub.tenantId ?? tenantId,
    displayName: sub.displayName,
    state: sub.state,
    subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'EnterpriseAgreement_2014-09-01', spendingLimit: 'Off' },
  };
}

export function clusterId(subscriptionId: string, c: ArmClusterState): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${c.resourceGroup}/providers/Microsoft.Kusto/Clusters/${c.name}`;
}

export function clusterResource(subscriptionId: string, c: ArmClusterState, state: ArmState): unknown {
  const id = clusterId(subscriptionId, c);
  return {
    id,
    name: c.name,
    type: 'Microsoft.Kusto/Clusters',
    location: c.location,
    etag: `"${createHash('sha1').update(id).digest('hex').slice(0, 16)}"`,
    tags: {},
    sku: { name: 'Dev(No SLA)_Standard_E2a_v4', tier: 'Basic', capacity: 1 },
    zones: [],
    identity: c.identity ?? undefined,
    properties: {
      provisioningState: 'Succeeded',
      state: c.state,
      uri: c.uri,
      dataIngestionUri: c.uri.replace('://', '://ingest-'),
      trustedExternalTenants: [{ value: state.tenantId }],
      enableDiskEncryption: false,
      enableStreamingIngest: false,
      enablePurge: false,
      enableDoubleEncryption: false,
      engineType: 'V3',
      publicNetworkAccess: 'Enabled',
      restrictOutboundNetworkAccess: 'Disabled',
      publicIPType: 'IPv4',
    },
  };
}

export function armError(code: string, message: string): unknown {
  return { error: { code, message } };
}
