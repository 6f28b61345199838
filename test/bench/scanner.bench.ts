// Benchmark of the SAS/account-key scanner. Generates (or reuses) a corpus of at
// least 50 MB of mixed source files in .bench-corpus/ at the repo root, then
// measures in one run:
//   - `node dist/cli.js scan` throughput (wall time, best of 3),
//   - `rg -c 'sig='` on the same tree (best of 3),
//   - `secretlint` with the recommended preset on the same tree (one run: it is slow),
//   - analyzeText on a 10,000-line file (median of many runs).
// Build first: `node esbuild.js && node esbuild.js --tests`, then
// `node out/test/bench/scanner.bench.js`.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { scanFiles } from '../../src/cli/scan/scanFiles';
import { listFiles } from '../../src/cli/scan/walk';
import { analyzeText } from '../../src/core/scan/analyzeText';

const GENERATOR_VERSION = 3;
const TARGET_BYTES = 50 * 1024 * 1024;
const PARTS = 10; // part-00 ... part-09: a few top-level folders, as in a repository

function repoRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'esbuild.js'))) return dir;
  }
  return process.cwd();
}

// ---------------------------------------------------------------- corpus ----

/** Deterministic PRNG (mulberry32) so the corpus is the same on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['order', 'customer', 'invoice', 'event', 'device', 'reading', 'batch', 'table', 'ingest', 'export',
  'client', 'status', 'payload', 'record', 'window', 'result', 'metric', 'region', 'tenant', 'policy', 'stream',
  'buffer', 'schema', 'column', 'mapping', 'source', 'target', 'blob', 'container', 'account', 'retry', 'timeout'];

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const ident = (r: Rand): string => pick(r, WORDS) + pick(r, WORDS).replace(/^./, (c) => c.toUpperCase());

/** A fake but realistic signature: 43 base64 characters plus an encoded `=`. */
function fakeSig(r: Rand): string {
  let s = '';
  for (let i = 0; i < 43; i++) s += B64[Math.floor(r() * 62)];
  return `${s}%3D`;
}

function sasUri(r: Rand): string {
  const acct = `${pick(r, WORDS)}${Math.floor(r() * 1000)}`;
  const host = r() < 0.8 ? `${acct}.blob.core.windows.net` : `${acct}.dfs.core.windows.net`;
  return `https://${host}/${pick(r, WORDS)}/${ident(r)}/${Math.floor(r() * 1e6)}.csv.gz`
    + `?sv=2022-11-02&ss=b&srt=o&sp=rl&se=2026-01-01T00%3A00%3A00Z&spr=https&sig=${fakeSig(r)}`;
}

/** Storage URIs that are not findings (managed identity, placeholders), so the parser works too. */
function harmlessUri(r: Rand): string {
  const acct = `${pick(r, WORDS)}${Math.floor(r() * 1000)}`;
  return r() < 0.5
    ? `https://${acct}.blob.core.windows.net/${pick(r, WORDS)}/data.csv;managed_identity=system`
    : `https://${acct}.blob.core.windows.net/${pick(r, WORDS)}/data.csv?<SAS token>`;
}

interface Language {
  readonly ext: string;
  line(r: Rand, uri: string | undefined): string;
}

const LANGUAGES: readonly Language[] = [
  { ext: 'cs', line: (r, uri) => uri ? `        var ${ident(r)} = @"${uri}";`
    : pick(r, [`        var ${ident(r)} = await _${ident(r)}.GetAsync(${ident(r)}, cancellationToken);`,
      `        if (${ident(r)} is null) throw new ArgumentNullException(nameof(${ident(r)}));`,
      `    public async Task<${pick(r, ['int', 'string', 'bool'])}> ${ident(r)}Async(string ${ident(r)}) {`,
      `        // Überprüft den Status des ${ident(r)} vor dem Export.`, '    }', '']) },
  { ext: 'py', line: (r, uri) => uri ? `    ${ident(r)} = "${uri}"`
    : pick(r, [`    ${ident(r)} = self.${ident(r)}.get("${pick(r, WORDS)}", None)`,
      `def ${ident(r)}(${ident(r)}, ${ident(r)}=None):`, `    for ${pick(r, WORDS)} in ${ident(r)}:`,
      `        logger.info(f"processed {${pick(r, WORDS)}} rows")`, '    return result', '']) },
  { ext: 'ts', line: (r, uri) => uri ? `  const ${ident(r)} = \`${uri}\`;`
    : pick(r, [`  const ${ident(r)} = await this.${ident(r)}(${ident(r)}, { retries: ${Math.floor(r() * 5)} });`,
      `export function ${ident(r)}(${ident(r)}: string): Promise<void> {`, '  }', `  if (!${ident(r)}) return undefined;`, '']) },
  { ext: 'go', line: (r, uri) => uri ? `\t${ident(r)} := \`${uri}\``
    : pick(r, [`\t${ident(r)}, err := ${ident(r)}(ctx, ${ident(r)})`, '\tif err != nil {\n\t\treturn err\n\t}',
      `func ${ident(r)}(ctx context.Context, ${pick(r, WORDS)} string) error {`, '}', '']) },
  { ext: 'json', line: (r, uri) => uri ? `  "${ident(r)}": "${uri}",`
    : `  "${ident(r)}": ${pick(r, [`"${pick(r, WORDS)}"`, String(Math.floor(r() * 1e5)), 'true', 'null'])},` },
  { ext: 'yaml', line: (r, uri) => uri ? `  ${ident(r)}: "${uri}"`
    : pick(r, [`  ${ident(r)}: ${pick(r, WORDS)}`, `- name: ${ident(r)}`, `    replicas: ${Math.floor(r() * 9)}`]) },
  { ext: 'kql', line: (r, uri) => uri ? `.ingest into table ${ident(r)} (h'${uri}') with (format='csv')`
    : pick(r, [`${ident(r)} | where ${pick(r, WORDS)} > ago(1d) | summarize count() by ${pick(r, WORDS)}`,
      `| extend ${ident(r)} = tostring(${pick(r, WORDS)})`, `| project ${ident(r)}, ${ident(r)}`, '']) },
  { ext: 'md', line: (r, uri) => uri ? `Download the sample from <${uri}>.`
    : pick(r, [`The ${pick(r, WORDS)} ${pick(r, WORDS)} is exported every ${Math.floor(r() * 60)} minutes.`,
      `## ${ident(r)}`, `- \`${ident(r)}\`: the ${pick(r, WORDS)} of the ${pick(r, WORDS)}.`, '']) },
];

function generateFile(r: Rand, lang: Language, bytes: number, withSas: boolean): string {
  const lines: string[] = [];
  let size = 0;
  while (size < bytes) {
    const u = r();
    const uri = withSas && u < 0.002 ? sasUri(r) : u > 0.9995 ? harmlessUri(r) : undefined;
    const line = lang.line(r, uri);
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
}

interface Manifest {
  readonly version: number;
  readonly targetBytes: number;
  readonly bytes: number;
  readonly files: number;
}

function ensureCorpus(dir: string): Manifest {
  const manifestFile = path.join(dir, '.manifest.json');
  if (fs.existsSync(manifestFile)) {
    const m = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
    if (m.version === GENERATOR_VERSION && m.targetBytes === TARGET_BYTES) return m;
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const r = prng(20240601);
  let bytes = 0;
  let files = 0;
  while (bytes < TARGET_BYTES) {
    const part = path.join(dir, `part-${String(files % PARTS).padStart(2, '0')}`, pick(r, WORDS));
    fs.mkdirSync(part, { recursive: true });
    const lang = pick(r, LANGUAGES);
    // Mostly small files, a few large ones, as in a real repository.
    const size = r() < 0.9 ? 2000 + Math.floor(r() * 60_000) : 100_000 + Math.floor(r() * 400_000);
    const text = generateFile(r, lang, size, r() < 0.3);
    fs.writeFileSync(path.join(part, `${ident(r)}${files}.${lang.ext}`), text);
    bytes += Buffer.byteLength(text);
    files++;
  }
  const manifest: Manifest = { version: GENERATOR_VERSION, targetBytes: TARGET_BYTES, bytes, files };
  fs.writeFileSync(manifestFile, JSON.stringify(manifest));
  return manifest;
}

// ---------------------------------------------------------- measurements ----

function timeCommand(cmd: string, args: readonly string[], cwd: string, okCodes: readonly number[]): number {
  const t0 = process.hrtime.bigint();
  const res = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (res.error || !okCodes.includes(res.status ?? -1)) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${res.status}): ${res.error?.message ?? res.stderr.toString().slice(0, 500)}`);
  }
  return seconds;
}

function bestOf(n: number, f: () => number): number {
  let best = Infinity;
  for (let i = 0; i < n; i++) best = Math.min(best, f());
  return best;
}

async function bestOfAsync(n: number, f: () => Promise<number>): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < n; i++) best = Math.min(best, await f());
  return best;
}

function tenThousandLines(): string {
  const r = prng(7);
  const cs = LANGUAGES[0];
  const lines: string[] = [];
  for (let i = 0; i < 10_000; i++) lines.push(cs.line(r, i % 500 === 250 ? sasUri(r) : i % 700 === 3 ? harmlessUri(r) : undefined));
  return lines.join('\n');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  const root = repoRoot();
  const corpus = path.join(root, '.bench-corpus');
  const cli = path.join(root, 'dist', 'cli.js');
  if (!fs.existsSync(cli)) throw new Error('dist/cli.js is missing: run `node esbuild.js` first');

  const manifest = ensureCorpus(corpus);
  const mb = manifest.bytes / 1e6;
  console.log(`corpus: ${manifest.files} files, ${mb.toFixed(1)} MB in .bench-corpus/`);

  // Warm the page cache once so no tool pays for the disk.
  timeCommand('rg', ['-c', 'sig=', '.bench-corpus'], root, [0, 1]);

  const scanner = bestOf(3, () => timeCommand(process.execPath,
    [cli, 'scan', '.bench-corpus', '--format', 'json', '--output', '/dev/null'], root, [0, 1]));
  const rg = bestOf(3, () => timeCommand('rg', ['-c', 'sig=', '.bench-corpus'], root, [0, 1]));
  const nodeStartup = bestOf(3, () => timeCommand(process.execPath, ['-e', '0'], root, [0]));
  const inProcess = await bestOfAsync(3, async () => {
    const t0 = process.hrtime.bigint();
    const files = await listFiles(['.bench-corpus'], { cwd: root, exclude: [], onError: () => undefined });
    await scanFiles(files, { maxFileSize: 5 * 1024 * 1024, onSkipped: () => undefined, onError: () => undefined });
    return Number(process.hrtime.bigint() - t0) / 1e9;
  });

  const rcDir = fs.mkdtempSync(path.join(os.tmpdir(), 'secretlint-'));
  const rc = path.join(rcDir, '.secretlintrc.json');
  fs.writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
  let secretlint: number | undefined;
  try {
    secretlint = timeCommand(path.join(root, 'node_modules', '.bin', 'secretlint'),
      ['--secretlintrc', rc, '.bench-corpus/**/*'], root, [0, 1]);
  } catch (e) {
    console.log(`secretlint: not measured (${(e as Error).message.split('\n')[0]})`);
  } finally {
    fs.rmSync(rcDir, { recursive: true, force: true });
  }

  const text = tenThousandLines();
  for (let i = 0; i < 20; i++) analyzeText(text);
  const runs: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t0 = process.hrtime.bigint();
    analyzeText(text);
    runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }

  const scannerMbs = mb / scanner;
  const rgMbs = mb / rg;
  console.log(`scanner throughput: ${scannerMbs.toFixed(1)} MB/s (${(scanner * 1000).toFixed(0)} ms for ${mb.toFixed(1)} MB, node startup included)`);
  console.log(`scanner throughput in-process: ${(mb / inProcess).toFixed(1)} MB/s (${(inProcess * 1000).toFixed(0)} ms: walk, read, search, analyse; no process start)`);
  console.log(`node startup: ${(nodeStartup * 1000).toFixed(0)} ms (\`node -e 0\`, a floor for any Node CLI)`);
  console.log(`ripgrep throughput: ${rgMbs.toFixed(1)} MB/s (${(rg * 1000).toFixed(0)} ms)`);
  if (secretlint !== undefined) {
    const slMbs = mb / secretlint;
    console.log(`secretlint throughput: ${slMbs.toFixed(2)} MB/s (${secretlint.toFixed(1)} s, one run on the whole corpus)`);
    console.log(`scanner/secretlint: ${(scannerMbs / slMbs).toFixed(1)}`);
  }
  console.log(`scanner/ripgrep: ${(scannerMbs / rgMbs).toFixed(2)} (in-process: ${(mb / inProcess / rgMbs).toFixed(2)})`);
  console.log(`analyzeText 10,000 lines: ${median(runs).toFixed(2)} ms (median of ${runs.length}, ${(text.length / 1e6).toFixed(2)} MB)`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
