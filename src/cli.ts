// Node entry of the `kusto-mi` command line (bundled to dist/cli.js).

import * as nodeModule from 'node:module';
import { runCli } from './cli/main';
import { redactSecrets } from './core/secrets/redact';

// Node >= 22.1 can keep V8's compiled code of the command bundles between runs
// (a hook that runs on every commit starts often); older Nodes lack the function.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  out: (text) => { process.stdout.write(text); },
  err: (text) => { process.stderr.write(text); },
}).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    // Exit code 3: a bug or an I/O failure, not a finding (1) or a usage error (2).
    process.stderr.write(`kusto-mi: ${redactSecrets(e instanceof Error ? (e.stack ?? e.message) : String(e))}\n`);
    process.exitCode = 3;
  },
);
