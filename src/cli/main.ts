// Dispatches `kusto-mi <command> ...`, handles `--help` / `help` / `--version`,
// and turns usage errors into exit code 2 with a hint.

import { version } from '../../package.json';
import { EXIT_CLEAN, EXIT_USAGE, isUsageError, type CliIo } from './command';
import { COMMANDS, findCommand } from './commands';
import { redactSecrets } from '../core/secrets/redact';
import { printable } from './printable';

export const PROGRAM = 'kusto-mi';

/** The top-level help; loads every command to read its summary (help is rare). */
async function overview(): Promise<string> {
  const commands = await Promise.all(COMMANDS.map((c) => c.load()));
  const width = Math.max(...commands.map((c) => c.name.length), 'help'.length);
  return [
    `${PROGRAM} ${version}: find SAS tokens and storage account keys that Kusto ingestion should replace with managed identities.`,
    '',
    `Usage: ${PROGRAM} <command> [options]`,
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    `  ${'help'.padEnd(width)}  Show help for a command`,
    '',
    'Options:',
    '  -h, --help     Show help',
    '  -v, --version  Show the version',
    '',
    'Exit codes: 0 clean, 1 findings (or a check that did not pass), 2 usage error,',
    '3 incomplete scan (a file could not be read or, with --fix, written), 4 internal error.',
    '',
    `Run '${PROGRAM} <command> --help' for a command's options.`,
    '',
  ].join('\n');
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.err(await overview());
    return EXIT_USAGE;
  }
  if (first === '--help' || first === '-h') {
    io.out(await overview());
    return EXIT_CLEAN;
  }
  if (first === '--version' || first === '-v') {
    io.out(`${version}\n`);
    return EXIT_CLEAN;
  }
  if (first === 'help') {
    const target = rest[0] === undefined ? undefined : findCommand(rest[0]);
    if (rest[0] !== undefined && !target) return usageError(io, `unknown command '${rest[0]}'`);
    io.out(target ? (await target.load()).usage : await overview());
    return EXIT_CLEAN;
  }
  const entry = findCommand(first);
  if (!entry) {
    return usageError(io, first.startsWith('-') ? `unknown option '${first}'` : `unknown command '${first}'`);
  }
  const command = await entry.load();
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (isUsageError(e)) return usageError(io, e.message, command.name);
    throw e;
  }
}

function usageError(io: CliIo, message: string, command?: string): number {
  const help = command ? `${PROGRAM} ${command} --help` : `${PROGRAM} --help`;
  io.err(`${PROGRAM}: ${printable(redactSecrets(message))}\nRun '${help}' for usage.\n`);
  return EXIT_USAGE;
}
