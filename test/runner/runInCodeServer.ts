// Runs the extension-host mocha suite inside a real VS Code (code-server +
// headless Chromium) and exits with the suite's code.
// Usage: node out/test/runner/runInCodeServer.js [--vsix FILE] [--suite PATH] [--verbose] [--grep TEXT]
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { BrowserSetupError } from '../host/browser';
import { repoRoot } from '../host/paths';
import { runSuiteInCodeServer } from '../host/runSuite';

const { values } = parseArgs({
  options: {
    vsix: { type: 'string' },
    suite: { type: 'string' },
    grep: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});
const suite = path.resolve(values.suite ?? path.join(repoRoot(), 'out', 'test', 'extension', 'index.js'));
runSuiteInCodeServer({
  suite,
  vsix: values.vsix,
  env: values.grep ? { KUSTO_MI_TEST_GREP: values.grep } : undefined,
  serverLog: values.verbose ? (l) => console.log(`[code-server] ${l}`) : undefined,
}).then((code) => process.exit(code), (e) => {
  // A setup problem (no browser) is one line that says what to do; anything else keeps its stack.
  console.error(e instanceof BrowserSetupError ? e.message : e instanceof Error ? e.stack : e);
  process.exit(1);
});
