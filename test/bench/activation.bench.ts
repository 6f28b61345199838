// Activation benchmark: the time activate() takes in the real VS Code host
// (median of several fresh hosts), and the size of what activation loads.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../host/paths';
import { runSuiteInCodeServer } from '../host/runSuite';
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

  // What activation loads: the extension bundle only; the Kusto/Azure clients
  // and tree-sitter grammars are separate files loaded on first use.
  const distDir = path.join(root, 'dist');
  const size = (f: string) => fs.existsSync(path.join(distDir, f)) ? fs.statSync(path.join(distDir, f)).size : 0;
  console.log(`activation loads dist/extension.js: ${(size('extension.js') / 1024).toFixed(1)} KiB`);
  const lazy = fs.readdirSync(distDir).filter((f) => f.endsWith('.js') && f !== 'extension.js' && f !== 'cli.js');
  const lazyBytes = lazy.reduce((n, f) => n + size(f), 0);
  console.log(`loaded later on demand (${lazy.join(', ') || 'none'}): ${(lazyBytes / 1024).toFixed(1)} KiB`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
