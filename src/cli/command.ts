// What a CLI subcommand is. New subcommands (`policies`, `check`) are one file
// each exporting a CliCommand, listed in commands.ts.

export interface CliIo {
  readonly cwd: string;
  out(text: string): void;
  err(text: string): void;
}

export interface CliCommand {
  readonly name: string;
  /** One line for `kusto-mi --help`. */
  readonly summary: string;
  /** Full help for `kusto-mi <name> --help`. */
  readonly usage: string;
  /** Returns the exit code: 0 clean, 1 findings, 2 usage error, 3 incomplete (something could not be read or written). */
  run(argv: readonly string[], io: CliIo): Promise<number>;
}

/** A mistake in the command line: reported with a hint and exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Whether `e` is a UsageError. By name, not `instanceof`: each command is a
 * bundle of its own (dist/cli-<command>.js) with its own copy of the class.
 */
export function isUsageError(e: unknown): e is UsageError {
  return e instanceof Error && e.name === 'UsageError';
}

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
/** Some file or directory could not be read (or, with --fix, written): the result is not a clean pass. */
export const EXIT_INCOMPLETE = 3;
/** A bug or an unexpected I/O failure. */
export const EXIT_INTERNAL = 4;
