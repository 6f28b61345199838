// `npm run bench`: runs every compiled benchmark (out/test/bench/*.bench.js)
// one after another and passes their one-line-per-figure output through.
// Usage: node scripts/bench.mjs [name-filter]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'out', 'test', 'bench');
const filter = process.argv[2] ?? '';
const benches = fs.readdirSync(dir).filter((f) => f.endsWith('.bench.js') && f.includes(filter)).sort();
let failed = 0;
for (const bench of benches) {
  console.log(`# ${bench.replace(/\.bench\.js$/, '')}`);
  const result = spawnSync(process.execPath, ['--expose-gc', path.join(dir, bench)], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    failed++;
    console.log(`# ${bench} failed with code ${result.status}`);
  }
}
process.exit(failed ? 1 : 0);
