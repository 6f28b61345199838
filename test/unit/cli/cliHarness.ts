// Runs the bundled CLI as a child process on a private copy of the fixture tree.
// The tree's ignore files are stored as `_gitignore` so that git does not apply
// them to the fixtures themselves (the ignored file must be committed); the copy
// renames them to `.gitignore`.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export { chownForUnprivileged, cliPath, repoRoot, runCli, runCliWith, type CliRun } from '../../support/cli';

/** A fresh copy of test/fixtures/scan/tree with its `_gitignore` files renamed. */
export function copyFixtureTree(root: string): string {
  const from = path.join(root, 'test', 'fixtures', 'scan', 'tree');
  const to = fs.mkdtempSync(path.join(os.tmpdir(), 'kusto-mi-scan-'));
  fs.cpSync(from, to, { recursive: true });
  for (const entry of fs.readdirSync(to, { withFileTypes: true, recursive: true })) {
    if (entry.name === '_gitignore') {
      const dir = entry.parentPath;
      fs.renameSync(path.join(dir, '_gitignore'), path.join(dir, '.gitignore'));
    }
  }
  return to;
}
