// The extension test runner leaves nothing behind, after a passing run and
// when it fails early:
// a browser that does not start still stops code-server and removes the
// workspace copy, the host's data folder and everything the host put in its
// temporary directory; the user reads one line that says what to do.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { hostPaths, repoRoot } from '../host/paths';

interface Run { code: number | null; stdout: string; stderr: string }

function runner(env: Record<string, string>, args: readonly string[] = []): Promise<Run> {
  const script = path.join(repoRoot(), 'out', 'test', 'runner', 'runInCodeServer.js');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Processes whose command line or environment mentions `marker` (code-server and its children would). */
function processesMentioning(marker: string): string[] {
  const found: string[] = [];
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const text = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8') + fs.readFileSync(`/proc/${pid}/environ`, 'utf8');
      if (text.includes(marker) && Number(pid) !== process.pid) found.push(pid);
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

describe('extension test runner: cleanup', function () {
  this.timeout(120_000);
  let tmp: string;

  before(function () {
    if (!fs.existsSync(hostPaths().codeServerEntry)) {
      throw new Error('The VS Code host is not installed: run npm run setup-host');
    }
  });
  beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kusto-mi-cleanup-test-')); });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('stops code-server and removes its folders when the browser does not start', async () => {
    // An executable that exits at once: the browser launch fails after code-server started.
    const fakeChromium = path.join(tmp, 'chromium');
    fs.writeFileSync(fakeChromium, '#!/bin/sh\nexit 1\n', { mode: 0o755 });
    const runTmp = path.join(tmp, 'run');
    fs.mkdirSync(runTmp);
    const r = await runner({ CHROMIUM_PATH: fakeChromium, TMPDIR: runTmp });
    const left = processesMentioning(runTmp);
    for (const pid of left) process.kill(Number(pid), 'SIGKILL');
    assert.deepEqual(left, [], 'code-server is still running');
    assert.deepEqual(fs.readdirSync(runTmp), [], 'the run left files in its temporary directory');
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /Chromium \(.*chromium\) did not start/);
    assert.doesNotMatch(r.stderr, /^\s+at /m, 'a setup problem is said in words, not with a stack trace');
  });

  it('leaves nothing in its temporary directory after a passing run that starts the TypeScript server', async () => {
    // A suite that opens the TypeScript sample and waits for the TypeScript server's
    // hover: the host's git and TypeScript extensions then have their sockets and folders.
    const suite = path.join(tmp, 'suite.js');
    fs.writeFileSync(suite, `const vscode = require('vscode');
exports.run = async () => {
  const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, 'src', 'ingestMetrics.ts');
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  const at = document.positionAt(document.getText().lastIndexOf('QueuedClient') + 2);
  for (let i = 0; i < 600; i++) {
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, at);
    if (hovers.length > 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the TypeScript server never answered');
};
`);
    const runTmp = path.join(tmp, 'run');
    fs.mkdirSync(runTmp);
    const r = await runner({ TMPDIR: runTmp }, ['--suite', suite]);
    const left = processesMentioning(runTmp);
    for (const pid of left) process.kill(Number(pid), 'SIGKILL');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(left, [], 'code-server is still running');
    assert.deepEqual(fs.readdirSync(runTmp), [], 'the run left files in its temporary directory');
  });

  it('says how to install Chromium when it is missing, and leaves nothing behind', async () => {
    const runTmp = path.join(tmp, 'run');
    fs.mkdirSync(runTmp);
    const r = await runner({ CHROMIUM_PATH: path.join(tmp, 'no-such-chromium'), TMPDIR: runTmp });
    const left = processesMentioning(runTmp);
    for (const pid of left) process.kill(Number(pid), 'SIGKILL');
    assert.deepEqual(left, [], 'code-server is still running');
    assert.deepEqual(fs.readdirSync(runTmp), []);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Chromium is missing .* Install it with: sudo apt-get install -y chromium/);
    assert.doesNotMatch(r.stderr, /^\s+at /m);
  });
});
