// Suite entry for the packaged-extension check: the .vsix is installed into
// the host's extensions folder, not loaded from the project.
import { findTestFiles, runMochaLayer } from '../support/mocha';

export async function run(): Promise<void> {
  const failures = await runMochaLayer({ layer: 'package', files: findTestFiles(__dirname), timeoutMs: 30_000 });
  if (failures > 0) throw new Error(`${failures} packaged-extension test(s) failed`);
}
