// CLI start-up: `kusto-mi scan` of a folder holding one small file against a
// bare `node -e 0`, whole processes, interleaved so that both see the same load
// (goal: ≤ 1.5x). A pre-commit hook pays this on every commit.
// BENCH_CLI=<path> measures another build of the CLI (e.g. an older one).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { averageCpuMs, figure, repoRoot, runProcess, type ProcessRun } from './measure';
import { median } from './stats';

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 15);

function main(): void {
  const root = repoRoot();
  const cli = process.env.BENCH_CLI ?? path.join(root, 'dist', 'cli.js');
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: run \`node esbuild.js\` first`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-startup-'));
  try {
    fs.writeFileSync(path.join(dir, 'settings.json'), '{ "endpoint": "https://contoso.blob.core.windows.net/data" }\n');
    const node: ProcessRun[] = [];
    const scan: ProcessRun[] = [];
    runProcess(process.execPath, [cli, 'scan', dir], root); // warm the page cache
    for (let i = 0; i < RUNS; i++) {
      node.push(runProcess(process.execPath, ['-e', '0'], root));
      scan.push(runProcess(process.execPath, [cli, 'scan', dir], root));
    }
    const wall = (runs: ProcessRun[]) => median(runs.map((r) => r.wall)) * 1000;
    console.log(`scan start-up, one small file: ${wall(scan).toFixed(1)} ms; node -e 0: ${wall(node).toFixed(1)} ms (wall, median of ${RUNS} interleaved runs)`);
    figure({ name: 'scan start-up (wall)', ours: wall(scan), unit: 'ms', reference: { value: wall(node), what: 'node -e 0' }, goal: 1.5 });
    // CPU time is steadier than wall time on a shared machine.
    const scanCpu = averageCpuMs(RUNS * 2, process.execPath, [cli, 'scan', dir], root);
    const nodeCpu = averageCpuMs(RUNS * 2, process.execPath, ['-e', '0'], root);
    if (scanCpu !== undefined && nodeCpu !== undefined) {
      figure({ name: 'scan start-up (CPU)', ours: scanCpu, unit: 'ms', reference: { value: nodeCpu, what: 'node -e 0' }, goal: 1.5 });
    }
    if (scan[0]?.peakMb !== undefined && node[0]?.peakMb !== undefined) {
      const peak = (runs: ProcessRun[]) => median(runs.map((r) => r.peakMb as number));
      figure({ name: 'scan start-up (peak memory)', ours: peak(scan), unit: 'MB', reference: { value: peak(node), what: 'node -e 0' } });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
