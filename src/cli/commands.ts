// The command table: the only place that lists subcommands.

import type { CliCommand } from './command';
import { scanCommand } from './scan/scanCommand';

export const COMMANDS: readonly CliCommand[] = [scanCommand];

export function findCommand(name: string): CliCommand | undefined {
  return COMMANDS.find((c) => c.name === name);
}
