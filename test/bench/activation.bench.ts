// Activation benchmark: the time activate() takes in the real VS Code host
// (median of several fresh hosts), and the size of what activation loads.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../host/paths';
import { runSuiteInCodeServer } from '../host/runSuite';
import { figure } from './measure';
import { median } from './stats';

const RUNS = Number(process.env.BENCH_ACTIVATION_RUNS ?? 5);

async function main(): Promise<void> {
  const root = repoRoot();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const code = await runSuiteInCodeServer({
      suite: path.join(root, 'out', 'test', 'benchHost', 'index.js'),
      timeoutMs: 120_000,
      onLine: (line) => {
        const match = /BENCH activationMs=([\d.]+)/.exec(line);
        if (match) samples.push(Number(match[1]));
      },
    });
    if (code !== 0) throw new Error(`activation run ${i + 1} failed with code ${code}`);
  }
  if (samples.length === 0) throw new Error('no activation time was reported');
  console.log(`activation time (activate(), median of ${samples.length} hosts): ${median(samples).toFixed(2)} ms`);
  figure({ name: 'activation (activate())', ours: median(samples), unit: 'ms' });

  // What activation loads: the extension bundle only. The Kusto, Azure and
  // tree-sitter libraries are bundles of their own in dist/vendor/, required on first use.
  const distDir = path.join(root, 'dist');
  const kib = (file: string) => (fs.statSync(file).size / 1024).toFixed(1);
  console.log(`activation loads dist/extension.js: ${kib(path.join(distDir, 'extension.js'))} KiB`);
  const vendorDir = path.join(distDir, 'vendor');
  for (const file of fs.readdirSync(vendorDir).filter((f) => f.endsWith('.js')).sort()) {
    console.log(`loaded on first use, dist/vendor/${file}: ${kib(path.join(vendorDir, file))} KiB`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
