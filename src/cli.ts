// Node entry of the `kusto-mi` command line (bundled to dist/cli.js).

import * as nodeModule from 'node:module';
import { runCli } from './cli/main';
import { printable } from './cli/printable';
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
    // Exit code 4: a bug or an I/O failure, not a finding (1), a usage error (2) or an incomplete scan (3).
    // A system error (EACCES, ENOSPC, ...) is one line; only a bug shows its stack.
    const systemError = e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string';
    const text = redactSecrets(e instanceof Error ? (systemError ? e.message : (e.stack ?? e.message)) : String(e));
    process.stderr.write(`kusto-mi: ${text.split('\n').map(printable).join('\n')}\n`);
    process.exitCode = 4;
  },
);
