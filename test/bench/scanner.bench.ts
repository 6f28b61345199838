// Scanner benchmark, whole processes side by side with ripgrep in the same run:
//   - a realistic tree (a repository of code and docs, few findings) and a dense
//     tree (mostly ingestion code): `kusto-mi scan` against `rg -c sig=` (both
//     honour .gitignore), wall time (median), CPU time and peak memory;
//   - the parsers alone on each tree (parseFloor.ts, in a child process): what
//     any scan with tree-sitter and Kusto's parser must spend, next to ours;
//   - secretlint (recommended preset) on the realistic tree (one run: it is slow);
//   - analyzeText on a 10,000-line file (in-process, median of many runs).
// The trees are generated once into .bench-corpus/ (see corpus.ts).
// BENCH_CLI=<path> measures another build of the CLI.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeText } from '../../src/core/scan/analyzeText';
import { ensureTree, LANGUAGES, prng, sasUri, harmlessUri, type TreeName } from './corpus';
import { figure, medianRun, ProcessTimeout, repoRoot, ripgrep, runProcess, type ProcessRun } from './measure';
import { parseFloor, type ParseFloor } from './parseFloor';
import { median } from './stats';

const RUNS = Number(process.env.BENCH_SCAN_RUNS ?? 3);
const GOALS: Record<TreeName, number> = { realistic: 2, dense: 3 };
const PEAK_GOAL_MB = 150;
/** secretlint takes many minutes on the realistic tree: past this, its time is reported as a lower bound. */
const SECRETLINT_TIMEOUT_S = Number(process.env.BENCH_SECRETLINT_TIMEOUT_S ?? 600);

function tenThousandLines(): string {
  const r = prng(7);
  const cs = LANGUAGES[0];
  const lines: string[] = [];
  for (let i = 0; i < 10_000; i++) lines.push(cs.line(r, i % 500 === 250 ? sasUri(r) : i % 700 === 3 ? harmlessUri(r) : undefined));
  return lines.join('\n');
}

function describe(run: ProcessRun): string {
  const cpu = run.cpu === undefined ? '' : `, CPU ${run.cpu.toFixed(2)} s`;
  const peak = run.peakMb === undefined ? '' : `, peak ${run.peakMb.toFixed(0)} MB`;
  return `${run.wall.toFixed(3)} s${cpu}${peak}`;
}

/** parseFloor of `dir`, in a fresh process so that its loads and warm-ups count as the scan's do. */
function parseFloorOf(dir: string, cwd: string): ParseFloor {
  const res = spawnSync(process.execPath, [__filename, 'parse-floor', dir], { cwd, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (res.status !== 0) throw new Error(`parse floor of ${dir} failed (${res.status}): ${res.stderr.slice(0, 500)}`);
  return JSON.parse(res.stdout.trim().split('\n').pop()!) as ParseFloor;
}

function main(): void {
  const root = repoRoot();
  const cli = process.env.BENCH_CLI ?? path.join(root, 'dist', 'cli.js');
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: run \`node esbuild.js\` first`);
  // The layout of generator version 3 (one tree of part-NN folders) is replaced by named trees.
  if (fs.existsSync(path.join(root, '.bench-corpus', '.manifest.json'))) {
    for (const f of fs.readdirSync(path.join(root, '.bench-corpus'))) {
      if (/^part-\d+$|^\.manifest\.json$/.test(f)) fs.rmSync(path.join(root, '.bench-corpus', f), { recursive: true, force: true });
    }
  }
  const rg = ripgrep();

  const rgWall: Partial<Record<'realistic' | 'dense', number>> = {};
  for (const name of ['realistic', 'dense'] as const) {
    const started = Date.now();
    const { dir, manifest } = ensureTree(root, name);
    const mb = manifest.bytes / 1e6;
    const took = Date.now() - started > 1000 ? ` (generated in ${((Date.now() - started) / 1000).toFixed(1)} s)` : '';
    console.log(`${name} tree: ${manifest.files} files, ${mb.toFixed(1)} MB, plus ${manifest.ignoredFiles} ignored build files, in .bench-corpus/${name}/${took}`);
    const rel = path.relative(root, dir);
    const scanArgs = [cli, 'scan', rel, '--format', 'json', '--output', os.devNull];
    runProcess(process.execPath, scanArgs, root, [0, 1]); // warm the page cache
    const scan = medianRun(RUNS, () => runProcess(process.execPath, scanArgs, root, [0, 1]));
    console.log(`  kusto-mi scan: ${describe(scan)} (${(mb / scan.wall).toFixed(1)} MB/s; median of ${RUNS})`);
    if (rg) {
      // --no-require-git: apply .gitignore outside a git repository, as the scanner does.
      const rgArgs = ['-c', '--no-require-git', 'sig=', rel];
      runProcess(rg, rgArgs, root, [0, 1]);
      const ref = medianRun(RUNS, () => runProcess(rg, rgArgs, root, [0, 1]));
      console.log(`  rg -c sig=: ${describe(ref)} (${(mb / ref.wall).toFixed(1)} MB/s)`);
      rgWall[name] = ref.wall;
      figure({ name: `${name} tree (wall)`, ours: scan.wall, unit: 's', reference: { value: ref.wall, what: 'rg -c sig=' }, goal: GOALS[name] });
      if (scan.cpu !== undefined && ref.cpu !== undefined) {
        figure({ name: `${name} tree (CPU)`, ours: scan.cpu, unit: 's', reference: { value: ref.cpu, what: 'rg -c sig=' } });
      }
    } else {
      figure({ name: `${name} tree (wall)`, ours: scan.wall, unit: 's' });
    }
    if (scan.peakMb !== undefined) figure({ name: `${name} tree (peak memory)`, ours: scan.peakMb, unit: 'MB', goal: PEAK_GOAL_MB });

    // Kusto's parser (rule kql-syntax) dominates trees with many .kql files: the same scan without it, side by side.
    const noKql = medianRun(RUNS, () => runProcess(process.execPath, [...scanArgs, '--no-kql-syntax'], root, [0, 1]));
    console.log(`  kusto-mi scan --no-kql-syntax: ${describe(noKql)} (${(mb / noKql.wall).toFixed(1)} MB/s; median of ${RUNS})`);
    figure({ name: `${name} tree, --no-kql-syntax (wall)`, ours: noKql.wall, unit: 's', ...(rgWall[name] !== undefined ? { reference: { value: rgWall[name]!, what: 'rg -c sig=' } } : {}), goal: GOALS[name] });
    if (noKql.peakMb !== undefined) figure({ name: `${name} tree, --no-kql-syntax (peak memory)`, ours: noKql.peakMb, unit: 'MB', goal: PEAK_GOAL_MB });

    // What the parsers alone take on the same files: the part of the scan no I/O or analysis work can remove.
    const floor = parseFloorOf(rel, root);
    console.log(`  parsers alone, in-process: tree-sitter on ${floor.treeSitterFiles} candidate files ${floor.treeSitter.toFixed(3)} s;`
      + ` Kusto's parser on ${floor.kqlBlocks} blocks of ${floor.kqlFiles} KQL files ${floor.kql.toFixed(3)} s (load included)`);
    if (floor.kqlFiles > 0) {
      figure({ name: `${name} tree vs the parsers alone (wall)`, ours: scan.wall, unit: 's', reference: { value: floor.treeSitter + floor.kql, what: 'tree-sitter + Kusto parser, in-process' } });
    }
    if (floor.treeSitterFiles > 0) {
      figure({ name: `${name} tree, --no-kql-syntax vs tree-sitter alone (wall)`, ours: noKql.wall, unit: 's', reference: { value: floor.treeSitter, what: 'tree-sitter, in-process' } });
    }

    if (name === 'realistic') {
      const rcDir = fs.mkdtempSync(path.join(os.tmpdir(), 'secretlint-'));
      const rc = path.join(rcDir, '.secretlintrc.json');
      fs.writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
      try {
        const sl = runProcess(path.join(root, 'node_modules', '.bin', 'secretlint'), ['--secretlintrc', rc, `${rel}/**/*`], root, [0, 1], SECRETLINT_TIMEOUT_S * 1000);
        console.log(`  secretlint (recommended preset): ${describe(sl)} (one run)`);
        figure({ name: 'realistic tree vs secretlint (wall)', ours: scan.wall, unit: 's', reference: { value: sl.wall, what: 'secretlint' } });
      } catch (e) {
        if (e instanceof ProcessTimeout) {
          console.log(`  secretlint (recommended preset): stopped after ${SECRETLINT_TIMEOUT_S} s (BENCH_SECRETLINT_TIMEOUT_S); its time is at least that`);
          figure({ name: 'realistic tree vs secretlint (wall)', ours: scan.wall, unit: 's', reference: { value: SECRETLINT_TIMEOUT_S, what: `secretlint, stopped at ${SECRETLINT_TIMEOUT_S} s: a lower bound` } });
        } else {
          console.log(`  secretlint: not measured (${(e as Error).message.split('\n')[0]})`);
        }
      } finally {
        fs.rmSync(rcDir, { recursive: true, force: true });
      }
    }
  }

  const text = tenThousandLines();
  for (let i = 0; i < 20; i++) analyzeText(text);
  const runs: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t0 = process.hrtime.bigint();
    analyzeText(text);
    runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  console.log(`analyzeText 10,000 lines: ${median(runs).toFixed(2)} ms (median of ${runs.length}, ${(text.length / 1e6).toFixed(2)} MB, in-process)`);
  figure({ name: 'analyzeText, 10,000 lines', ours: median(runs), unit: 'ms' });
}

if (process.argv[2] === 'parse-floor') {
  void parseFloor(process.argv[3] as string).then((floor) => console.log(JSON.stringify(floor)));
} else {
  main();
}
