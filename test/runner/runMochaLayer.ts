// Runs one Node-side test layer (unit or integration) from the compiled tree.
// Usage: node out/test/runner/runMochaLayer.js unit|integration [--grep TEXT]
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { findTestFiles, runMochaLayer } from '../support/mocha';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { grep: { type: 'string' } } });
const layer = positionals[0];
if (layer !== 'unit' && layer !== 'integration') {
  console.error('usage: runMochaLayer.js unit|integration [--grep TEXT]');
  process.exit(2);
}
const files = findTestFiles(path.join(__dirname, '..', layer));
runMochaLayer({
  layer,
  files,
  timeoutMs: layer === 'integration' ? 30_000 : 10_000,
  color: process.stdout.isTTY,
  grep: values.grep,
}).then((failures) => process.exit(failures ? 1 : 0), (e) => {
  console.error(e);
  process.exit(1);
});
