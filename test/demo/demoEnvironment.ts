// The demo environment behind `npm start` (and the README screenshot): local
// Kusto and ARM servers seeded with the demo cluster, or a real cluster from
// KUSTO_CLUSTER, a copy of the sample workspace, and a real VS Code serving it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot, startCodeServer } from '../host/codeServer';
import { startArmServer } from '../servers/arm';
import { DEMO_IDS, DEMO_RESOURCE_GROUP, DEMO_SUBSCRIPTION_ID, demoClusterState, startKustoServer } from '../servers/kusto';

export interface DemoOptions {
  readonly port?: number;
  /** A real cluster URL: no local servers then. */
  readonly realCluster?: string;
  readonly log?: (line: string) => void;
}

export interface Demo {
  /** The workbench URL with the extension loaded. */
  readonly url: string;
  readonly workspace: string;
  stop(): Promise<void>;
}

export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const log = options.log ?? (() => undefined);
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await s().catch((e) => console.error(e));
  };
  try {
    let settings: Record<string, unknown>;
    if (options.realCluster) {
      settings = { 'kustoMi.clusters': [{ url: options.realCluster }] };
      log(`Using the cluster from KUSTO_CLUSTER: ${options.realCluster} (sign in with your Microsoft account in VS Code)`);
    } else {
      const kusto = await startKustoServer({ seed: demoClusterState() });
      stops.push(() => kusto.close());
      const arm = await startArmServer({ kustoUrl: kusto.url });
      stops.push(() => arm.close());
      log(`Local Kusto server (demo cluster): ${kusto.url}`);
      log(`Local Azure Resource Manager server: ${arm.url}`);
      settings = {
        'kustoMi.clusters': [{
          url: kusto.url,
          name: 'demo (local)',
          resourceId: `/subscriptions/${DEMO_SUBSCRIPTION_ID}/resourceGroups/${DEMO_RESOURCE_GROUP}/providers/Microsoft.Kusto/clusters/${kusto.state.name}`,
        }],
        'kustoMi.auth.method': 'none',
        'kustoMi.armEndpoint': arm.url,
        'kustoMi.identities': [
          { objectId: DEMO_IDS.ingestPrincipalId, displayName: 'ingest-mi', clientId: DEMO_IDS.ingestClientId, cluster: kusto.url },
          { objectId: DEMO_IDS.exportPrincipalId, displayName: 'export-mi', clientId: DEMO_IDS.exportClientId, cluster: kusto.url },
        ],
      };
    }
    // Work on a copy, so that trying the quick fixes never changes the repository.
    const root = repoRoot();
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'kusto-mi-demo-'));
    fs.cpSync(path.join(root, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
    stops.push(async () => fs.rmSync(workspace, { recursive: true, force: true }));
    // The demo opens on the walkthrough: the sample's README opens at start (a
    // markdown file, which activates the extension) and the extension then opens
    // its walkthrough, as asked through the extension host's environment.
    const server = await startCodeServer({
      workspace,
      port: options.port,
      settings: { ...settings, 'workbench.startupEditor': 'readme' },
      env: { KUSTO_MI_OPEN_WALKTHROUGH: '1' },
    });
    stops.push(() => server.stop());
    log(`Sample workspace: ${workspace}`);
    return { url: server.workbenchUrl([['extensionDevelopmentPath', server.remoteUri(root)]]), workspace, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
