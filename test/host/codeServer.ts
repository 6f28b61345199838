// Starts a real VS Code (code-server on Node 24) on loopback, with a private
// user-data/extensions/XDG tree so nothing lands in $HOME, in its own process
// group so that stop() ends every process it spawned. Used by the extension
// test runner and by `npm start`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { hostPaths, repoRoot } from './paths';

export interface CodeServerOptions {
  /** Folder the workbench opens. */
  readonly workspace: string;
  /** User settings written before start; null writes no settings file at all. */
  readonly settings?: Record<string, unknown> | null;
  /** `.vsix` files installed into the private extensions dir before start. */
  readonly installVsix?: readonly string[];
  /** Fixed port; default: a free loopback port. */
  readonly port?: number;
  /** Extra environment for the server and its extension host. */
  readonly env?: Record<string, string>;
  /** Where the server's output goes; default: discarded. */
  readonly log?: (line: string) => void;
}

export interface RunningCodeServer {
  readonly port: number;
  readonly origin: string;
  readonly dataDir: string;
  readonly extensionsDir: string;
  /** Workbench URL; with a payload it loads an extension in development mode. */
  workbenchUrl(payload?: ReadonlyArray<readonly [string, string]>): string;
  /** A `vscode-remote://` URI for a path on this machine, as payloads need. */
  remoteUri(fsPath: string): string;
  stop(): Promise<void>;
}

export const DEFAULT_SETTINGS: Record<string, unknown> = {
  'chat.disableAIFeatures': true,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

export function ensureHostInstalled(): void {
  const paths = hostPaths();
  if (fs.existsSync(paths.codeServerEntry) && fs.existsSync(paths.node24)) return;
  const result = spawnSync('bash', [paths.setupScript], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('Installing the VS Code host (scripts/setup-host.sh) failed');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(origin: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited early with code ${child.exitCode}`);
    try {
      const response = await fetch(`${origin}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`code-server did not answer on ${origin} within ${timeoutMs} ms`);
}

export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  ensureHostInstalled();
  const paths = hostPaths();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kusto-mi-host-'));
  const userDataDir = path.join(dataDir, 'user-data');
  const extensionsDir = path.join(dataDir, 'extensions');
  const xdg = path.join(dataDir, 'xdg');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  for (const d of ['data', 'config', 'cache', 'runtime']) fs.mkdirSync(path.join(xdg, d), { recursive: true });
  // The host and its extensions (git, TypeScript, terminals) put sockets and
  // caches in the temporary and runtime directories: keep them in dataDir, which
  // stop() removes, so a run leaves no vscode-*.sock or vscode-typescript* behind.
  const tmp = path.join(dataDir, 'tmp');
  fs.mkdirSync(tmp);
  if (options.settings !== null) {
    fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'),
      JSON.stringify({ ...DEFAULT_SETTINGS, ...options.settings }, null, 2));
  }
  const configFile = path.join(dataDir, 'config.yaml');
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...options.env,
    XDG_DATA_HOME: path.join(xdg, 'data'),
    XDG_CONFIG_HOME: path.join(xdg, 'config'),
    XDG_CACHE_HOME: path.join(xdg, 'cache'),
    XDG_RUNTIME_DIR: path.join(xdg, 'runtime'),
    TMPDIR: tmp,
  };
  // An outer `npm run` exports variables describing Node 20; they confuse the Node 24 host.
  delete env.npm_config_user_agent;
  delete env.npm_config_local_prefix;
  delete env.NODE_OPTIONS;

  const common = [
    paths.codeServerEntry,
    '--config', configFile,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
  ];
  for (const vsix of options.installVsix ?? []) {
    const result = spawnSync(paths.node24, [...common, '--install-extension', vsix], { env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`Installing ${vsix} failed: ${result.stderr || result.stdout}`);
    options.log?.(result.stdout.trim());
  }

  const port = options.port ?? await freePort();
  const child = spawn(paths.node24, [
    ...common,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-getting-started-override',
    // Without it a built workbench ignores the `payload` URL parameter and no tests run.
    '--vscode-option', 'enable-smoke-test-driver',
    options.workspace,
  ], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) options.log?.(line);
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);

  const origin = `http://127.0.0.1:${port}`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.pid) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
      const timer = setTimeout(() => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ } }, 3000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHttp(origin, child, 30_000);
  } catch (e) {
    await stop();
    throw e;
  }
  const remoteUri = (fsPath: string) => `vscode-remote://127.0.0.1:${port}${fsPath}`;
  return {
    port, origin, dataDir, extensionsDir, stop, remoteUri,
    workbenchUrl(payload) {
      const params = new URLSearchParams({ folder: options.workspace });
      if (payload) params.set('payload', JSON.stringify(payload));
      return `${origin}/?${params.toString()}`;
    },
  };
}

/** Runs `fn` after Ctrl+C / SIGTERM-safe cleanup is registered. */
export function onExitSignals(cleanup: () => Promise<void>): void {
  let done = false;
  const handler = async () => {
    if (done) return;
    done = true;
    await cleanup();
    process.exit(130);
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
}

export { repoRoot };
