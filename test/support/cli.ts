// Runs the bundled CLI as a child process, for the unit and integration tests.
// dist/cli.js is used when it is newer than every source file; otherwise the CLI
// is bundled alone into out/test-cli/ (inside the repository, so that it finds
// the tree-sitter grammars in node_modules), so a stale build is never tested.
import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The repository root: the first directory up from here or the cwd with esbuild.js and src/cli.ts. */
export function repoRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    for (let dir = start; dir !== path.dirname(dir); dir = path.dirname(dir)) {
      if (fs.existsSync(path.join(dir, 'esbuild.js')) && fs.existsSync(path.join(dir, 'src', 'cli.ts'))) return dir;
    }
  }
  throw new Error('cannot find the repository root (run the tests from the repository)');
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

export function cliPath(root = repoRoot()): string {
  const dist = path.join(root, 'dist', 'cli.js');
  if (fs.existsSync(dist) && fs.statSync(dist).mtimeMs >= newestSource(path.join(root, 'src'))) return dist;
  const out = path.join(root, 'out', 'test-cli', 'cli.js');
  const esbuild = path.join(root, 'node_modules', '.bin', 'esbuild');
  const res = spawnSync(esbuild, ['src/cli.ts', '--bundle', '--platform=node', '--format=cjs', '--target=node20', `--outfile=${out}`,
    '--log-level=error', '--log-override:empty-import-meta=silent', '--external:vscode'], { cwd: root, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`building the CLI failed: ${res.stderr}`);
  return out;
}

/** Synchronous: for tests that need no server in this process. */
export function runCli(cli: string, args: readonly string[], cwd: string): CliRun {
  const res = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  if (res.error) throw res.error;
  return { code: res.status ?? -1, stdout: res.stdout, stderr: res.stderr };
}

/** Asynchronous: a local server answering from this process must not be blocked. Only PATH and `env` reach the child. */
export function runCliAsync(cli: string, args: readonly string[], env: Record<string, string | undefined>, timeoutMs = 30_000): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { env: { PATH: process.env.PATH, ...env }, timeout: timeoutMs }, (error, stdout, stderr) => {
      const code = error && typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : error ? -1 : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

export interface CliRunOptions {
  /** Extra environment variables. */
  readonly env?: Record<string, string>;
  /** A script for `node --require` (e.g. test/support/fsFaults.cjs). */
  readonly preload?: string;
  /** Run as the unprivileged `nobody` (uid 65534) when the tests run as root, so file permissions apply. */
  readonly unprivileged?: boolean;
  /** Kill the CLI after this long (a hang is then reported as `signal`). */
  readonly timeoutMs?: number;
}

/** runCli with more control; `signal` is set when the process was killed (timed out). */
export function runCliWith(cli: string, args: readonly string[], cwd: string, options: CliRunOptions = {}): CliRun & { readonly signal: NodeJS.Signals | null } {
  const asNobody = options.unprivileged && process.getuid?.() === 0;
  const res = spawnSync(process.execPath, [...(options.preload ? ['--require', options.preload] : []), cli, ...args], {
    cwd, encoding: 'utf8', env: { ...process.env, ...options.env }, timeout: options.timeoutMs ?? 30_000,
    ...(asNobody ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  if (res.error && (res.error as NodeJS.ErrnoException).code !== 'ETIMEDOUT') throw res.error;
  return { code: res.status ?? -1, stdout: res.stdout, stderr: res.stderr, signal: res.signal };
}

export const NOBODY = 65534;

/** Gives a test folder to `nobody` when the tests run as root (see runCliWith's `unprivileged`). */
export function chownForUnprivileged(dir: string): void {
  if (process.getuid?.() !== 0) return;
  fs.chmodSync(dir, 0o755);
  fs.chownSync(dir, NOBODY, NOBODY);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    fs.lchownSync(path.join(entry.parentPath, entry.name), NOBODY, NOBODY);
  }
}
