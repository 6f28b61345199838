// Node entry of the `kusto-mi` command line (bundled to dist/cli.js).

import { runCli } from './cli/main';
import { redactSecrets } from './core/secrets/redact';

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
