// Runs the bundled CLI as a child process on a private copy of the fixture tree.
// The tree's ignore files are stored as `_gitignore` so that git does not apply
// them to the fixtures themselves (the ignored file must be committed); the copy
// renames them to `.gitignore`.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The repository root: the first directory up from here or the cwd with esbuild.js. */
export function repoRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    for (let dir = start; dir !== path.dirname(dir); dir = path.dirname(dir)) {
      if (fs.existsSync(path.join(dir, 'esbuild.js')) && fs.existsSync(path.join(dir, 'src', 'cli.ts'))) return dir;
    }
  }
  throw new Error('cannot find the repository root (run mocha from the repository)');
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts')) {
      newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/**
 * dist/cli.js when it is newer than the sources it bundles; otherwise the CLI
 * alone is bundled into out/test-cli/ (git-ignored), so the tests never run a stale build.
 */
export function cliPath(root: string): string {
  const dist = path.join(root, 'dist', 'cli.js');
  const sources = Math.max(newestMtime(path.join(root, 'src', 'core')), newestMtime(path.join(root, 'src', 'cli')), fs.statSync(path.join(root, 'src', 'cli.ts')).mtimeMs);
  if (fs.existsSync(dist) && fs.statSync(dist).mtimeMs >= sources) return dist;
  const out = path.join(root, 'out', 'test-cli', 'cli.js');
  const esbuild = path.join(root, 'node_modules', '.bin', 'esbuild');
  const res = spawnSync(esbuild, ['src/cli.ts', '--bundle', '--platform=node', '--format=cjs', '--target=node20', `--outfile=${out}`, '--log-level=warning'], { cwd: root, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`building the CLI failed: ${res.stderr}`);
  return out;
}

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

export function runCli(cli: string, args: readonly string[], cwd: string): CliRun {
  const res = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  if (res.error) throw res.error;
  return { code: res.status ?? -1, stdout: res.stdout, stderr: res.stderr };
}
