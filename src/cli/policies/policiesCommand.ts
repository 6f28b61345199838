// `kusto-mi policies <cluster-url>`: a cluster's identities and its cluster
// and database managed_identity policies, read with the extension's client.
import { parseArgs } from 'node:util';
import { ManagedIdentityPolicyClient } from '../../clients/kusto/kustoClient';
import { DEFAULT_POLICY_LOAD_CONCURRENCY } from '../../clients/kusto/loadPolicies';
import { validateClusterUrl } from '../../core/clusterUrl';
import { redactSecrets } from '../../core/secrets/redact';
import { version } from '../../../package.json';
import { cliCredential, CLUSTER_OPTIONS, parseAuthMethod, parseTimeoutMs } from '../clusterOptions';
import { EXIT_CLEAN, EXIT_FINDINGS, UsageError, type CliCommand, type CliIo } from '../command';
import { diffScript, formatKql, readScript } from './policyScript';
import { printable } from '../printable';
import { formatJson } from './formatJson';
import { formatTable } from './formatTable';
import { readPolicies } from './readPolicies';

const FORMATS = ['table', 'json', 'kql'] as const;

const USAGE = `Usage: kusto-mi policies <cluster-url> [options]

Prints the managed identities named in a cluster's managed_identity policies,
the cluster-level policy, and each database's policy with whether it allows
ingestion with a managed identity (NativeIngestion): in its own policy,
inherited from the cluster policy, or not at all.

Options:
  -d, --database <name>                 Only this database
  -f, --format <table|json|kql>         Output format (default: table); kql is a
                                        script that recreates every policy exactly
      --diff <file.kql>                 Compare the policies a .kql script sets with
                                        the cluster's; print what differs
  -a, --auth <default|azcli|devicecode|env>
                                        How to get a token (default: default):
                                          default     DefaultAzureCredential (environment,
                                                      managed identity, Azure CLI, ...)
                                          azcli       the Azure CLI's signed-in account
                                          devicecode  sign in on another device
                                          env         the bearer token in KUSTO_ACCESS_TOKEN
      --tenant <id>                     Microsoft Entra tenant to sign in to
      --timeout <seconds>               Time limit per request (default: 30)
  -h, --help                            Show this help

JSON output: { cluster, identities, clusterPolicy, databases: [{ name, policy, error? }] };
policy entries keep the service's field names. A missing policy is [], one that
could not be read is null with an error.

--format kql writes the cluster policy and every database's, in name order:
.alter ... policy managed_identity with the JSON in a multi-line literal, or a
commented .delete where there is none. Same policies, same bytes.

Exit codes: 0 read everything (--diff: no differences), 1 the cluster or a
database could not be read (--diff: the policies differ), 2 usage error (--diff:
the file has policy commands that cannot be read).
`;

export const policiesCommand: CliCommand = {
  name: 'policies',
  summary: 'Show a cluster\'s managed identities and managed_identity policies',
  usage: USAGE,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const { values, positionals } = parse(argv);
    if (values.help) {
      io.out(USAGE);
      return EXIT_CLEAN;
    }
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'give the cluster URL' : `one cluster URL expected, got ${positionals.length}`);
    const checked = validateClusterUrl(positionals[0]);
    if (!checked.url) throw new UsageError(`invalid cluster URL: ${checked.error}`);
    const format = values.format ?? 'table';
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be table, json or kql, not '${format}'`);
    const method = parseAuthMethod(values.auth);
    const timeoutMs = parseTimeoutMs(values.timeout);
    if (values.database !== undefined && values.database.trim() === '') throw new UsageError('--database needs a name');
    if (values.diff !== undefined && values.format !== undefined) throw new UsageError('--diff prints differences: give it without --format');
    if (values.diff !== undefined && values.database !== undefined) throw new UsageError('--diff compares every policy the file sets: give it without --database');
    const script = values.diff !== undefined ? await readScript(values.diff, io) : undefined;

    const credential = cliCredential(method, checked.url, values.tenant, io);
    const client = new ManagedIdentityPolicyClient(checked.url, credential, { timeoutMs, applicationVersion: version });
    try {
      const report = await readPolicies(client, { ...(values.database !== undefined ? { database: values.database } : {}), concurrency: DEFAULT_POLICY_LOAD_CONCURRENCY });
      const failed = report.databases.filter((d) => d.error !== undefined);
      // Server text is escaped; the line names the database even when the server's message does not.
      for (const d of failed) {
        const error = d.error ?? '';
        io.err(`kusto-mi: ${error.includes(`'${d.name}'`) ? '' : `database '${printable(d.name)}': `}${printable(redactSecrets(error))}\n`);
      }
      // A script or a comparison from partial policies would be wrong, not just incomplete.
      if ((format === 'kql' || script) && failed.length > 0) return EXIT_FINDINGS;
      if (script) return diffScript(report, script, io);
      io.out(format === 'json' ? formatJson(report) : format === 'kql' ? formatKql(report) : formatTable(report));
      return failed.length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
    } catch (e) {
      io.err(`kusto-mi: ${printable(redactSecrets(e instanceof Error ? e.message : String(e)))}\n`);
      return EXIT_FINDINGS;
    } finally {
      client.dispose();
    }
  },
};

function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        database: { type: 'string', short: 'd' },
        format: { type: 'string', short: 'f' },
        diff: { type: 'string' },
        ...CLUSTER_OPTIONS,
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}
