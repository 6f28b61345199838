// Node entry of the `kusto-mi` command line (bundled to dist/cli.js).

// Reads run on libuv's thread pool; a few more threads than the default 4 keep
// the disk busy while the main thread scans. Must be set before the first fs call.
process.env.UV_THREADPOOL_SIZE ??= '8';

import { runCli } from './cli/main';
import { redactSecrets } from './core/secrets/redact';

runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  out: (text) => { process.stdout.write(text); },
  err: (text) => { process.stderr.write(text); },
}).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    process.stderr.write(`kusto-mi: ${redactSecrets(e instanceof Error ? (e.stack ?? e.message) : String(e))}\n`);
    process.exitCode = 3;
  },
);
