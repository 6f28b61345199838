// The project's local Kusto and ARM servers, started inside the extension host
// (plain Node http; the host runs Node 24), and the settings that point the
// extension at them.
import { demoArmState, startArmServer, type ArmTestServer } from '../../servers/arm';
import { DEMO_RESOURCE_GROUP, DEMO_SUBSCRIPTION_ID, demoClusterState, startKustoServer, type KustoTestServer } from '../../servers/kusto';
import type { ExtensionApi, TestingApi } from '../../../src/extension';
import { ourExtension, waitFor } from './extension';
import { withSetting } from './settings';

export interface LocalServers {
  readonly kusto: KustoTestServer;
  readonly arm: ArmTestServer;
  /** The demo cluster's ARM resource id (as `kustoMi.clusters` holds it). */
  readonly resourceId: string;
  close(): Promise<void>;
}

export async function startLocalServers(): Promise<LocalServers> {
  const kusto = await startKustoServer();
  const arm = await startArmServer({ state: demoArmState(kusto.url) });
  return {
    kusto,
    arm,
    resourceId: `/subscriptions/${DEMO_SUBSCRIPTION_ID}/resourceGroups/${DEMO_RESOURCE_GROUP}/providers/Microsoft.Kusto/Clusters/demo`,
    async close() {
      await arm.close();
      await kusto.close();
    },
  };
}

/** Back to the demo cluster's data, no faults, no recorded requests. */
export function resetKusto(kusto: KustoTestServer): void {
  Object.assign(kusto.state, demoClusterState());
  kusto.faults.clear();
  kusto.settings.readOnlyTokens.clear();
  kusto.requests.length = 0;
}

/** `kustoMi.clusters`, `auth.method: none` and `armEndpoint` for the local servers; returns the undo. */
export async function pointExtensionAt(servers: LocalServers): Promise<() => Promise<void>> {
  const undo = [
    await withSetting('auth.method', 'none'),
    await withSetting('armEndpoint', servers.arm.url),
    await withSetting('clusters', [{ url: servers.kusto.url, name: 'demo', resourceId: servers.resourceId }]),
  ];
  return async () => {
    for (const u of undo.reverse()) await u();
  };
}

/** The local servers, the extension pointed at them, and its testing API once the tree shows the cluster. */
export interface ConnectedCluster {
  readonly servers: LocalServers;
  readonly testing: TestingApi;
  /** Restores the settings and stops the servers. */
  disconnect(): Promise<void>;
}

export async function connectToLocalCluster(): Promise<ConnectedCluster> {
  const servers = await startLocalServers();
  const restoreSettings = await pointExtensionAt(servers);
  await ourExtension().activate();
  const testing = (ourExtension().exports as ExtensionApi).testing;
  await waitFor('the tree to show the local cluster', async () => ((await testing.clusterTree.getChildren())?.length === 1 ? true : undefined));
  return {
    servers,
    testing,
    async disconnect() {
      await restoreSettings();
      await servers.close();
    },
  };
}
