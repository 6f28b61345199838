// Benchmark of the KQL language server as the extension runs it: the built
// dist/languageServer.js in a process of its own, over IPC. Measures
//   - start to first diagnostics: process start, Kusto.Language load, first parse of a 1,000-line file (goal ≤ 3 s),
//   - re-diagnosis after a one-character edit in that file (goal ≤ 50 ms, median),
//   - the server's resident memory after both (goal ≤ 300 MB).
// Build first: `node esbuild.js && node esbuild.js --tests`, then `node out/test/bench/kqlServer.bench.js`.
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  createMessageConnection, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, InitializedNotification,
  InitializeRequest, IPCMessageReader, IPCMessageWriter, PublishDiagnosticsNotification, type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { median } from './stats';

const URI = 'file:///bench/queries.kql';
const EDITS = 30;

function repoRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'esbuild.js'))) return dir;
  }
  return process.cwd();
}

/** About 1,000 lines: queries and commands of 3-8 lines, blank lines between, one syntax error. */
function thousandLines(): string {
  const blocks: string[] = [];
  let lines = 0;
  for (let i = 0; lines < 1000; i++) {
    const block = i % 5 === 0
      ? `.alter-merge database Sales${i} policy managed_identity "[ { 'ObjectId' : 'system', 'AllowedUsages' : 'NativeIngestion' } ]"`
      : [`StormEvents${i}`, '| where StartTime > ago(7d)', `| where State == "STATE${i}"`, '| summarize Events = count(), Damage = sum(DamageProperty) by EventType',
        '| top 10 by Events desc', '| project EventType, Events, Damage'].join('\n');
    blocks.push(i === 77 ? block.replace('summarize', 'summarise') : block);
    lines += block.split('\n').length + 1;
  }
  return blocks.join('\n\n') + '\n';
}

/** CPU time (user + system) the process has used, in ms: a figure the machine's load does not inflate. */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
  // After the command name: state is field 3, so utime/stime (fields 14 and 15) are at 11 and 12 here.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function main(): Promise<void> {
  const server = path.join(repoRoot(), 'dist', 'languageServer.js');
  const text = thousandLines();
  const started = performance.now();
  const child = fork(server, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  let onDiagnostics: ((p: PublishDiagnosticsParams) => void) | undefined;
  connection.onNotification(PublishDiagnosticsNotification.method, (p: PublishDiagnosticsParams) => onDiagnostics?.(p));
  connection.listen();
  const next = () => new Promise<PublishDiagnosticsParams>((resolve) => { onDiagnostics = resolve; });
  try {
    await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
    await connection.sendNotification(InitializedNotification.type, {});
    const first = next();
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: URI, languageId: 'kusto', version: 1, text } });
    await first;
    const startMs = performance.now() - started;
    const startCpu = cpuMs(child.pid!);
    // A large file is published in slices: the last publication (then 2 s of quiet) holds every block.
    let last = { at: performance.now(), params: undefined as PublishDiagnosticsParams | undefined };
    onDiagnostics = (p) => { last = { at: performance.now(), params: p }; };
    while (performance.now() - last.at < 2000) await new Promise((r) => setTimeout(r, 100));
    const completeMs = last.at - started;
    const lineCount = text.split('\n').length - 1;
    const load = os.loadavg()[0].toFixed(1);
    console.log(`KQL server: start to first diagnostics, ${lineCount}-line file: ${startMs.toFixed(0)} ms (goal ≤ 3000 ms; ${startCpu.toFixed(0)} ms of server CPU; load average ${load})`);
    console.log(`KQL server: start to every block's diagnostics (${last.params?.diagnostics.length ?? 0} syntax errors): ${completeMs.toFixed(0)} ms (${cpuMs(child.pid!).toFixed(0)} ms of server CPU)`);

    // Type one character at the end of a line in the middle of the file, again and again.
    const line = text.split('\n').findIndex((l, i) => i > 500 && l.startsWith('| top 10'));
    const times: number[] = [];
    for (let i = 0; i < EDITS; i++) {
      const character = '| top 10 by Events desc'.length + i;
      const done = next();
      const t0 = performance.now();
      await connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: URI, version: 2 + i },
        contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: ' ' }],
      });
      await done;
      times.push(performance.now() - t0);
    }
    console.log(`KQL server: re-diagnosis after a keystroke in a ${lineCount}-line file: ${median(times.slice(5)).toFixed(1)} ms (median of ${EDITS - 5}; goal ≤ 50 ms)`);
    console.log(`KQL server: resident memory: ${rssMb(child.pid!).toFixed(0)} MB (goal ≤ 300 MB)`);
  } finally {
    connection.dispose();
    child.kill();
  }
}

/**
 * A file reopened where the user left it, scrolled to the block with the syntax
 * error (line ~450): start to that error's diagnostic. The client tells the
 * server what is in view (initialization options), as the extension does.
 */
async function inView(): Promise<void> {
  const server = path.join(repoRoot(), 'dist', 'languageServer.js');
  const text = thousandLines();
  const errorLine = text.split('\n').findIndex((l) => l.includes('summarise'));
  const started = performance.now();
  const child = fork(server, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  let seen: (() => void) | undefined;
  connection.onNotification(PublishDiagnosticsNotification.method, (p: PublishDiagnosticsParams) => {
    if (p.diagnostics.some((d) => d.range.start.line === errorLine)) seen?.();
  });
  connection.listen();
  try {
    const visibleRanges = { [URI]: [{ startLine: errorLine - 20, endLine: errorLine + 20 }] };
    await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null, initializationOptions: { visibleRanges } });
    await connection.sendNotification(InitializedNotification.type, {});
    const shown = new Promise<void>((resolve) => { seen = resolve; });
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: URI, languageId: 'kusto', version: 1, text } });
    await shown;
    console.log(`KQL server: start to the diagnostics in view (line ${errorLine + 1} of a 1,000-line file): ${(performance.now() - started).toFixed(0)} ms (${cpuMs(child.pid!).toFixed(0)} ms of server CPU; load average ${os.loadavg()[0].toFixed(1)})`);
  } finally {
    connection.dispose();
    child.kill();
  }
}

main().then(inView).catch((e) => {
  console.error(e);
  process.exit(1);
});
