// Editor benchmark: time to produce diagnostics for a 10,000-line file inside
// the real VS Code host (goal: under 5 ms, within a frame).
import * as path from 'node:path';
import { repoRoot } from '../host/paths';
import { runSuiteInCodeServer } from '../host/runSuite';
import { figure } from './measure';

async function main(): Promise<void> {
  let line: string | undefined;
  const code = await runSuiteInCodeServer({
    suite: path.join(repoRoot(), 'out', 'test', 'benchHost', 'editorAnalysis.js'),
    timeoutMs: 120_000,
    onLine: (l) => { if (l.startsWith('BENCH editorDiagnosticsMs=')) line = l; },
  });
  const match = line && /editorDiagnosticsMs=([\d.]+) findings=(\d+) lines=(\d+)/.exec(line);
  if (code !== 0 || !match) throw new Error(`the editor benchmark failed (code ${code})`);
  console.log(`editor diagnostics, ${match[3]}-line file (${match[2]} findings, median of 30): ${Number(match[1]).toFixed(2)} ms (goal < 5 ms)`);
  figure({ name: `editor diagnostics, ${match[3]}-line file`, ours: Number(match[1]), unit: 'ms', goal: 5 });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
