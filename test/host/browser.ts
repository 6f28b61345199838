// Opens a workbench URL in Debian's headless Chromium through playwright-core
// (never a downloaded browser), with the flags this closed network needs.
import * as fs from 'node:fs';
import { format } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The browser is missing or does not start: a setup problem, said in words, not a stack. */
export class BrowserSetupError extends Error {}

/** Throws a BrowserSetupError that says how to install Chromium when it is missing. */
export function checkBrowserPresent(): void {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new BrowserSetupError(`Chromium is missing (${CHROMIUM_PATH}). Install it with: sudo apt-get install -y chromium ` +
      '(or set CHROMIUM_PATH to a Chromium or Chrome executable)');
  }
}

export async function launchBrowser(): Promise<Browser> {
  checkBrowserPresent();
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage'],
  }).catch((e: unknown) => {
    const first = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    throw new BrowserSetupError(`Chromium (${CHROMIUM_PATH}) did not start: ${first}`);
  });
}

// Workbench log lines that are not the extension host's output.
const NOISE = /^(Resolving connection token|Resolved connection token|Creating a socket|\[reconnection-grace-time\]|Updating additional builtin|\[Service Worker\]|\[AgentHost|\[AccountPolicyGate\]|Started local extension host|Failed: getaddrinfo ENOTFOUND|Creation of workbench contribution|\[object Object\]$)/;

// Errors the host logs on a passing run, for features the tests do not use: the
// built-in GitHub authentication provider never registers without a network,
// and a save participant that the loaded machine runs past VS Code's 1.75 s budget
// is aborted (the save itself goes through), the refactor preview cannot show a
// file that a finished test already removed, and the smoke-test driver notes each
// dialog it answers. Filtered, so a red line is a real failure.
const HOST_NOISE = /Timed out waiting for authentication provider 'github'|Aborted onWillSaveTextDocument-event|Unable to resolve resource vscode-bulkeditpreview-editor:|DialogService: Dialog requested during smoke test/;

/**
 * Logs reach the page console as `%c LEVEL`, `<css>`, then printf-style
 * arguments (mocha's report among them): return the formatted text, or
 * undefined for lines that are not worth printing.
 */
export function extensionHostLine(args: readonly unknown[]): string | undefined {
  if (args.length < 3 || typeof args[0] !== 'string' || !args[0].startsWith('%c')) return undefined;
  const text = format(...args.slice(2));
  if (!text.trim() || NOISE.test(text.trim()) || HOST_NOISE.test(text)) return undefined;
  return text;
}

/** Prints the extension host's console lines as they arrive. */
export function forwardExtensionHostConsole(page: Page, print: (line: string) => void): void {
  page.on('console', async (message) => {
    const args = await Promise.all(message.args().map((a) => a.jsonValue().catch(() => '')));
    const line = extensionHostLine(args);
    if (line !== undefined) print(line);
  });
}

export async function closeQuietly(browser: Browser, timeoutMs = 5000): Promise<void> {
  await Promise.race([browser.close().catch(() => undefined), new Promise((r) => setTimeout(r, timeoutMs))]);
}
