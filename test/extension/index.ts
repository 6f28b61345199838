// Suite entry for the extension host (code-server here, @vscode/test-electron
// on a desktop): the `run()` contract both runners call.
import * as path from 'node:path';
import { findTestFiles, runMochaLayer } from '../support/mocha';

export async function run(): Promise<void> {
  const failures = await runMochaLayer({
    layer: 'extension',
    files: findTestFiles(path.join(__dirname)),
    timeoutMs: 30_000,
    grep: process.env.KUSTO_MI_TEST_GREP,
  });
  if (failures > 0) throw new Error(`${failures} extension test(s) failed`);
}
