// The command table: the only place that lists subcommands. Each command is
// loaded on first use, so `scan` never pays for loading the Kusto and Azure
// clients that `policies` needs (about 1.8 MB of bundled code).

import type { CliCommand } from './command';

export interface CommandEntry {
  readonly name: string;
  load(): Promise<CliCommand>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'scan', load: async () => (await import('./scan/scanCommand')).scanCommand },
  { name: 'policies', load: async () => (await import('./policies/policiesCommand')).policiesCommand },
  { name: 'check', load: async () => (await import('./check/checkCommand')).checkCommand },
];

export function findCommand(name: string): CommandEntry | undefined {
  return COMMANDS.find((c) => c.name === name);
}
