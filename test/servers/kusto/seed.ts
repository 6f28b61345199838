// Demo clusters: `demoClusterState()` is what `npm start` and most tests use;
// `largeClusterState(n)` makes many databases for the policy-load benchmark.
import type { ClusterState, StoredPolicyEntry } from './state';

export const DEMO_TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const DEMO_SUBSCRIPTION_ID = '0b1f6471-1bf0-4dda-aec3-111122223333';
export const DEMO_RESOURCE_GROUP = 'rg-kusto-demo';

export const DEMO_IDS = {
  systemPrincipalId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
  systemClientId: 'a1b2c3d4-0000-4000-8000-000000000001',
  ingestPrincipalId: '6a5820b9-fdf6-4cc4-81b9-b416b444fd6d',
  ingestClientId: 'c0ffee00-1234-4abc-8def-00000000a001',
  exportPrincipalId: '9d7c1e44-2b6a-4f0e-b3d1-5e8f7a6b4c21',
  exportClientId: 'c0ffee00-1234-4abc-8def-00000000a002',
} as const;

function userIdentityId(name: string): string {
  return `/subscriptions/${DEMO_SUBSCRIPTION_ID}/resourceGroups/${DEMO_RESOURCE_GROUP}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`;
}

function systemEntry(usages: string): StoredPolicyEntry {
  return {
    ObjectId: DEMO_IDS.systemPrincipalId, ClientId: DEMO_IDS.systemClientId, TenantId: DEMO_TENANT_ID,
    DisplayName: 'demo', IsSystem: true, AllowedUsages: usages,
  };
}

function ingestEntry(usages: string): StoredPolicyEntry {
  return {
    ObjectId: DEMO_IDS.ingestPrincipalId, ClientId: DEMO_IDS.ingestClientId, TenantId: DEMO_TENANT_ID,
    DisplayName: 'ingest-mi', IsSystem: false, AllowedUsages: usages,
  };
}

function exportEntry(usages: string): StoredPolicyEntry {
  return {
    ObjectId: DEMO_IDS.exportPrincipalId, ClientId: DEMO_IDS.exportClientId, TenantId: DEMO_TENANT_ID,
    DisplayName: 'export-mi', IsSystem: false, AllowedUsages: usages,
  };
}

function baseCluster(): Omit<ClusterState, 'databases' | 'clusterPolicy'> {
  return {
    name: 'demo',
    identities: {
      tenantId: DEMO_TENANT_ID,
      system: { principalId: DEMO_IDS.systemPrincipalId, clientId: DEMO_IDS.systemClientId },
      userAssigned: [
        { resourceId: userIdentityId('ingest-mi'), name: 'ingest-mi', principalId: DEMO_IDS.ingestPrincipalId, clientId: DEMO_IDS.ingestClientId },
        { resourceId: userIdentityId('export-mi'), name: 'export-mi', principalId: DEMO_IDS.exportPrincipalId, clientId: DEMO_IDS.exportClientId },
      ],
    },
  };
}

export function demoClusterState(): ClusterState {
  return {
    ...baseCluster(),
    // ingest-mi may ingest everywhere; each database adds its own.
    clusterPolicy: [ingestEntry('NativeIngestion')],
    databases: [
      { name: 'Telemetry', tables: ['Events', 'Metrics'], policy: [systemEntry('NativeIngestion')] },
      { name: 'Sales', tables: ['Orders'], policy: [systemEntry('ExternalTable')] },
      { name: 'Staging', tables: ['Raw'], policy: null },
      { name: 'Ops-Archive', prettyName: 'Operations archive', tables: [], policy: [exportEntry('ExportRequest, ExternalTable')] },
    ],
  };
}

/** `n` databases `db0001`…; every third allows NativeIngestion for the system identity. */
export function largeClusterState(n: number): ClusterState {
  const width = Math.max(4, String(n).length);
  return {
    ...baseCluster(),
    clusterPolicy: null,
    databases: Array.from({ length: n }, (_, i) => ({
      name: `db${String(i + 1).padStart(width, '0')}`,
      tables: [],
      policy: i % 3 === 0 ? [systemEntry('NativeIngestion')] : null,
    })),
  };
}
