// `npm run bench`: runs every compiled benchmark (out/test/bench/*.bench.js)
// one after another, passes their output through, and closes with one table of
// every figure they reported (`FIGURE name | ours | reference | ratio | goal`
// lines, see test/bench/measure.ts): our number, the reference's (node -e 0,
// ripgrep, secretlint, a small file) and the ratio, side by side in one run.
// Usage: node scripts/bench.mjs [name-filter]
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'out', 'test', 'bench');
const filter = process.argv[2] ?? '';
const benches = fs.readdirSync(dir).filter((f) => f.endsWith('.bench.js') && f.includes(filter)).sort();

/** Runs one bench, echoing its lines; resolves with its exit code and its FIGURE rows. */
function run(bench) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', path.join(dir, bench)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    const figures = [];
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('FIGURE ')) figures.push(line.slice('FIGURE '.length).split(' | '));
      else console.log(line);
    });
    child.on('close', (code) => resolve({ code, figures }));
  });
}

const rows = [];
let failed = 0;
for (const bench of benches) {
  const name = bench.replace(/\.bench\.js$/, '');
  console.log(`# ${name}`);
  const { code, figures } = await run(bench);
  rows.push(...figures.map((f) => [name, ...f]));
  if (code !== 0) {
    failed++;
    console.log(`# ${bench} failed with code ${code}`);
  }
}

if (rows.length > 0) {
  const header = ['bench', 'figure', 'ours', 'reference', 'ratio', 'goal'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells) => `| ${cells.map((c, i) => (c ?? '').padEnd(widths[i])).join(' | ')} |`;
  console.log('');
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}
process.exit(failed ? 1 : 0);
