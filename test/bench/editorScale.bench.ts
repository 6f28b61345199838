// Editor at scale, in the real VS Code host (test/benchHost/editorScale.ts): a
// 5 MB file with 20,000 SAS URIs (diagnostics, code lenses, typing) and the
// workspace conversion of 1,000 files.
import * as path from 'node:path';
import { repoRoot } from '../host/paths';
import { runSuiteInCodeServer } from '../host/runSuite';
import { figure } from './measure';

async function main(): Promise<void> {
  const values = new Map<string, number>();
  const code = await runSuiteInCodeServer({
    suite: path.join(repoRoot(), 'out', 'test', 'benchHost', 'editorScale.js'),
    timeoutMs: 900_000,
    onLine: (line) => {
      if (!line.startsWith('BENCH ')) return;
      for (const [, k, v] of line.matchAll(/(\w+)=([-\d.]+)/g)) values.set(k as string, Number(v));
    },
  });
  const get = (k: string) => {
    const v = values.get(k);
    if (code !== 0 || v === undefined) throw new Error(`the editor-at-scale benchmark failed (code ${code}, no ${k})`);
    return v;
  };
  const mb = (get('bigFileBytes') / 1e6).toFixed(1);
  console.log(`${mb} MB file with 20,000 SAS URIs: diagnostics ${get('bigFileDiagnosticsMs').toFixed(0)} ms after opening, ${get('bigFileLenses')} code lens(es) in ${get('bigFileLensMs').toFixed(0)} ms`);
  console.log(`  per keystroke (median of 15): edit round trip ${get('keystrokeEditMs')} ms, re-analysis ${get('keystrokeAnalysisMs')} ms, code lens request ${get('keystrokeLensMs')} ms`);
  figure({ name: '5 MB / 20,000 URIs: open to diagnostics', ours: get('bigFileDiagnosticsMs'), unit: 'ms' });
  figure({ name: '5 MB / 20,000 URIs: code lenses', ours: get('bigFileLenses'), unit: 'count' });
  console.log(`  the same on a small file: edit round trip ${get('smallEditMs')} ms, code lens request ${get('smallLensMs')} ms`);
  figure({ name: '5 MB / 20,000 URIs: keystroke edit round trip', ours: get('keystrokeEditMs'), unit: 'ms', goal: 50 });
  figure({ name: '5 MB / 20,000 URIs: keystroke edit round trip vs a small file', ours: get('keystrokeEditMs'), unit: 'ms', reference: { value: get('smallEditMs'), what: 'small file' } });
  figure({ name: '5 MB / 20,000 URIs: re-analysis per edit', ours: get('keystrokeAnalysisMs'), unit: 'ms' });
  figure({ name: '5 MB / 20,000 URIs: code lens request per edit', ours: get('keystrokeLensMs'), unit: 'ms', goal: 50 });
  figure({ name: '5 MB / 20,000 URIs: code lens request vs a small file', ours: get('keystrokeLensMs'), unit: 'ms', reference: { value: get('smallLensMs'), what: 'small file' } });
  console.log(`workspace conversion of ${get('conversionFiles')} files (${get('conversionRewrites')} rewrites): ${get('conversionPreviewMs') >= 0 ? `preview after ${get('conversionPreviewMs')} ms` : 'preview applied before the bench saw its tab'}, done (applied) after ${get('conversionTotalMs')} ms`);
  if (get('conversionPreviewMs') >= 0) figure({ name: 'conversion, 1,000 files: to the preview', ours: get('conversionPreviewMs'), unit: 'ms' });
  figure({ name: 'conversion, 1,000 files: to applied', ours: get('conversionTotalMs'), unit: 'ms' });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
