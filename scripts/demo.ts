// `npm start`: the extension in a real VS Code on 127.0.0.1 (port DEMO_PORT,
// default 8080), on the local demo cluster or on KUSTO_CLUSTER. Runs until
// Ctrl+C, then stops every process it started.
import * as fs from 'node:fs';
import { startDemo, type Demo } from '../test/demo/demoEnvironment';

async function main(): Promise<void> {
  let demo: Demo | undefined;
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the demo…');
    await demo?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  try {
    demo = await startDemo({
      port: Number(process.env.DEMO_PORT ?? 8080),
      realCluster: process.env.KUSTO_CLUSTER?.trim() || undefined,
      log: (line) => console.log(line),
    });
  } catch (e) {
    console.error(`The demo could not start: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
  console.log('\nOpen this URL in a browser (Ctrl+C stops the demo):\n');
  console.log(`  ${demo.url}\n`);
  if (process.env.DEMO_URL_FILE) fs.writeFileSync(process.env.DEMO_URL_FILE, demo.url);
}

void main();
