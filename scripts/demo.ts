// `npm start`: the extension in a real VS Code on 127.0.0.1, pointed at the
// project's local Kusto and ARM servers seeded with a demo cluster (or at the
// cluster named by KUSTO_CLUSTER), with a sample workspace of ingestion code.
// Runs until Ctrl+C, then stops every process it started.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot, startCodeServer, type RunningCodeServer } from '../test/host/codeServer';
import { startArmServer, type ArmTestServer } from '../test/servers/arm';
import { DEMO_IDS, demoClusterState, startKustoServer, type KustoTestServer } from '../test/servers/kusto';

async function main(): Promise<void> {
  const root = repoRoot();
  const realCluster = process.env.KUSTO_CLUSTER?.trim();
  const port = Number(process.env.DEMO_PORT ?? 8080);
  const stops: (() => Promise<void>)[] = [];
  let stopping = false;
  const stopAll = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the demo…');
    for (const stop of stops.reverse()) await stop().catch((e) => console.error(e));
  };
  process.once('SIGINT', () => void stopAll().then(() => process.exit(0)));
  process.once('SIGTERM', () => void stopAll().then(() => process.exit(0)));

  try {
    let settings: Record<string, unknown>;
    if (realCluster) {
      settings = { 'kustoMi.clusters': [{ url: realCluster }] };
      console.log(`Using the cluster from KUSTO_CLUSTER: ${realCluster} (sign in with your Microsoft account in VS Code)`);
    } else {
      const kusto: KustoTestServer = await startKustoServer({ seed: demoClusterState() });
      stops.push(() => kusto.close());
      const arm: ArmTestServer = await startArmServer({ kustoUrl: kusto.url });
      stops.push(() => arm.close());
      console.log(`Local Kusto server (demo cluster): ${kusto.url}`);
      console.log(`Local Azure Resource Manager server: ${arm.url}`);
      settings = {
        'kustoMi.clusters': [{ url: kusto.url, name: 'demo (local)' }],
        'kustoMi.auth.method': 'none',
        'kustoMi.armEndpoint': arm.url,
        'kustoMi.identities': [
          { objectId: DEMO_IDS.ingestPrincipalId, displayName: 'ingest-mi', clientId: DEMO_IDS.ingestClientId, cluster: kusto.url },
          { objectId: DEMO_IDS.exportPrincipalId, displayName: 'export-mi', clientId: DEMO_IDS.exportClientId, cluster: kusto.url },
        ],
      };
    }

    // Work on a copy, so that trying the quick fixes never changes the repository.
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'kusto-mi-demo-'));
    fs.cpSync(path.join(root, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
    stops.push(async () => fs.rmSync(workspace, { recursive: true, force: true }));

    const server: RunningCodeServer = await startCodeServer({ workspace, port, settings });
    stops.push(() => server.stop());
    const url = server.workbenchUrl([['extensionDevelopmentPath', server.remoteUri(root)]]);
    console.log(`Sample workspace: ${workspace}`);
    console.log('\nOpen this URL in a browser (Ctrl+C stops the demo):\n');
    console.log(`  ${url}\n`);
    if (process.env.DEMO_URL_FILE) fs.writeFileSync(process.env.DEMO_URL_FILE, url);
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    await stopAll();
    process.exit(1);
  }
}

void main();
