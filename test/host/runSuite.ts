// Runs a suite index (exporting `run()`) inside a fresh real VS Code and
// resolves with the workbench's exit code. Shared by the extension test
// runner and the activation benchmark.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { checkBrowserPresent, closeQuietly, forwardExtensionHostConsole, launchBrowser } from './browser';
import { onExitSignals, repoRoot, startCodeServer, type RunningCodeServer } from './codeServer';

export interface SuiteRun {
  /** Compiled suite index (absolute). */
  readonly suite: string;
  /** Install this .vsix instead of loading the extension from the project. */
  readonly vsix?: string;
  readonly timeoutMs?: number;
  readonly onLine?: (line: string) => void;
  readonly serverLog?: (line: string) => void;
  readonly env?: Record<string, string>;
}

export async function runSuiteInCodeServer(run: SuiteRun): Promise<number> {
  // A missing browser stops the run at once, before anything is started.
  checkBrowserPresent();
  const root = repoRoot();
  const timeoutMs = run.timeoutMs ?? 10 * 60_000;
  // Tests may change files: give them a copy of the fixture workspace.
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'kusto-mi-ws-'));
  fs.cpSync(path.join(root, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  // Everything started so far is stopped and removed, whichever step failed
  // (the host, the browser, the suite) and on Ctrl+C.
  const cleanup = async () => {
    if (browser) await closeQuietly(browser);
    await server?.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  };
  onExitSignals(cleanup);
  let timer: NodeJS.Timeout | undefined;
  try {
    server = await startCodeServer({
      workspace,
      installVsix: run.vsix ? [path.resolve(run.vsix)] : [],
      log: run.serverLog,
      env: run.env,
    });
    browser = await launchBrowser();
    const page = await browser.newPage();
    const exitCode = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    forwardExtensionHostConsole(page, run.onLine ?? ((line) => console.log(line)));
    // Extension tests run only in development mode. An installed .vsix is tested
    // as installed: the development extension is then an empty stub.
    const developmentPath = run.vsix ? path.join(root, 'test', 'fixtures', 'runner-extension') : root;
    const payload: [string, string][] = [['extensionDevelopmentPath', server.remoteUri(developmentPath)]];
    payload.push(['extensionTestsPath', server.remoteUri(run.suite)]);
    await page.goto(server.workbenchUrl(payload));
    const timeout = new Promise<number>((resolve) => {
      timer = setTimeout(() => {
        console.error(`The suite did not finish within ${timeoutMs / 1000} s`);
        resolve(1);
      }, timeoutMs);
    });
    return await Promise.race([exitCode, timeout]);
  } finally {
    clearTimeout(timer);
    await cleanup();
  }
}
