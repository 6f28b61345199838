// Measuring whole processes for the benchmarks: wall time, CPU time and peak
// memory (through GNU time when the machine has it), ripgrep as a reference
// (installed with apt when missing and allowed), and one line format per figure
// that scripts/bench.mjs collects into the closing table.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { median } from './stats';

export interface ProcessRun {
  /** Wall time, seconds. */
  readonly wall: number;
  /** User + system CPU time, seconds (undefined without GNU time). */
  readonly cpu?: number;
  /** Peak resident set size, MB (undefined without GNU time). */
  readonly peakMb?: number;
}

const GNU_TIME = ['/usr/bin/time', '/bin/time'].find((f) => fs.existsSync(f));
const TIMEOUT = ['/usr/bin/timeout', '/bin/timeout'].find((f) => fs.existsSync(f));

/** Thrown when a command outlives its time limit (it is then killed). */
export class ProcessTimeout extends Error {}

/** Runs a command once; throws when it exits with a code not in `okCodes`, or outlives `timeoutMs`. */
export function runProcess(cmd: string, args: readonly string[], cwd: string, okCodes: readonly number[] = [0], timeoutMs?: number): ProcessRun {
  const report = GNU_TIME ? path.join(os.tmpdir(), `bench-time-${process.pid}.txt`) : undefined;
  // Killing GNU time on a time limit would leave the measured command running:
  // coreutils' timeout, inside time, kills the command itself (exit 137).
  const [limited, limitedArgs] = timeoutMs !== undefined && TIMEOUT
    ? [TIMEOUT, ['-s', 'KILL', `${Math.ceil(timeoutMs / 1000)}`, cmd, ...args]] : [cmd, [...args]];
  const [file, argv] = report && GNU_TIME ? [GNU_TIME, ['-o', report, '-f', '%U %S %M', limited, ...limitedArgs]] : [limited, limitedArgs];
  const t0 = process.hrtime.bigint();
  const backstop = timeoutMs === undefined ? undefined : timeoutMs + (TIMEOUT ? 10_000 : 0);
  const res = spawnSync(file, argv, { cwd, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024, timeout: backstop, killSignal: 'SIGKILL' });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const killedByLimit = limited === TIMEOUT && res.status === 137;
  if ((res.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT' || killedByLimit) {
    if (report) fs.rmSync(report, { force: true });
    throw new ProcessTimeout(`${cmd} did not finish within ${((timeoutMs ?? 0) / 1000).toFixed(0)} s`);
  }
  if (res.error || !okCodes.includes(res.status ?? -1)) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${res.status}): ${res.error?.message ?? res.stderr.toString().slice(0, 500)}`);
  }
  if (!report) return { wall };
  const [user, sys, maxKb] = fs.readFileSync(report, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  fs.rmSync(report, { force: true });
  return { wall, cpu: (user ?? 0) + (sys ?? 0), peakMb: (maxKb ?? 0) / 1024 };
}

/**
 * CPU time (user + system) of one run, averaged over `n` runs in one shell loop:
 * GNU time counts in 10 ms steps, too coarse for a single start-up. Undefined without GNU time.
 */
export function averageCpuMs(n: number, cmd: string, args: readonly string[], cwd: string): number | undefined {
  if (!GNU_TIME) return undefined;
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const line = [cmd, ...args].map(quote).join(' ');
  const run = runProcess('/bin/sh', ['-c', `i=0; while [ $i -lt ${n} ]; do ${line} >/dev/null 2>&1; i=$((i+1)); done`], cwd);
  return run.cpu === undefined ? undefined : (run.cpu * 1000) / n;
}

/** Medians of `n` runs (wall, CPU) and the largest peak memory. */
export function medianRun(n: number, run: () => ProcessRun): ProcessRun {
  const runs = Array.from({ length: n }, run);
  const cpus = runs.map((r) => r.cpu).filter((c): c is number => c !== undefined);
  const peaks = runs.map((r) => r.peakMb).filter((p): p is number => p !== undefined);
  return {
    wall: median(runs.map((r) => r.wall)),
    cpu: cpus.length ? median(cpus) : undefined,
    peakMb: peaks.length ? Math.max(...peaks) : undefined,
  };
}

/**
 * The ripgrep binary, installed with apt-get when missing and this process may
 * (root, apt present); undefined (with the reason printed) otherwise.
 */
export function ripgrep(): string | undefined {
  const found = spawnSync('rg', ['--version'], { stdio: 'ignore' });
  if (!found.error && found.status === 0) return 'rg';
  const canApt = process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get');
  if (canApt) {
    console.log('ripgrep is missing: installing it with apt-get (once)...');
    const res = spawnSync('apt-get', ['install', '-y', '-q', 'ripgrep'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (res.status === 0 && spawnSync('rg', ['--version'], { stdio: 'ignore' }).status === 0) return 'rg';
  }
  console.log(`ripgrep comparison skipped: rg is not installed${canApt ? ' and apt-get could not install it' : ''} (install it with: sudo apt-get install ripgrep)`);
  return undefined;
}

export interface Figure {
  /** What is measured, e.g. "scan start-up". */
  readonly name: string;
  readonly ours: number;
  readonly unit: 's' | 'ms' | 'MB' | 'x' | 'count';
  /** The reference's value in the same unit, and what it is. */
  readonly reference?: { readonly value: number; readonly what: string };
  /** Goal on ours/reference (a ratio) or, without a reference, on ours. */
  readonly goal?: number;
}

const show = (v: number, unit: Figure['unit']) => unit === 'ms' ? `${v.toFixed(1)} ms`
  : unit === 's' ? `${v.toFixed(3)} s` : unit === 'count' ? v.toLocaleString('en-US') : unit === 'MB' ? `${v.toFixed(0)} MB` : `${v.toFixed(2)}x`;

/**
 * Prints one figure as `FIGURE name | ours | reference | ratio | goal`, the
 * line scripts/bench.mjs gathers into the table printed at the end of the run.
 */
export function figure(f: Figure): void {
  const ratio = f.reference ? f.ours / f.reference.value : undefined;
  const judged = ratio ?? f.ours;
  const goal = f.goal === undefined ? '' : `${f.reference ? '≤ ' + f.goal + 'x' : '≤ ' + show(f.goal, f.unit)} ${judged <= f.goal ? '✔' : '✖'}`;
  console.log(`FIGURE ${f.name} | ${show(f.ours, f.unit)} | ${f.reference ? `${show(f.reference.value, f.unit)} (${f.reference.what})` : '-'} | ${ratio === undefined ? '-' : `${ratio.toFixed(2)}x`} | ${goal}`);
}

/** The repository root: the first folder up from here or the cwd holding esbuild.js. */
export function repoRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    for (let dir = start; dir !== path.dirname(dir); dir = path.dirname(dir)) {
      if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'esbuild.js'))) return dir;
    }
  }
  return process.cwd();
}
