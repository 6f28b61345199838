// `npm run test:electron`: the same extension suite under @vscode/test-electron,
// for a desktop that can download VS Code (this sandbox cannot; CI uses code-server).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from '../host/paths';

async function main(): Promise<void> {
  const root = repoRoot();
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'kusto-mi-ws-'));
  fs.cpSync(path.join(root, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  try {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out', 'test', 'extension', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
