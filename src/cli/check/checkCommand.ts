// `kusto-mi check`: the editor's ingestion readiness check without the editor.
// Exit 0 only when every step passes, 1 otherwise, 2 on usage errors.
import { parseArgs } from 'node:util';
import type { TokenCredential } from '@azure/core-auth';
import { resolveCloud } from '../../auth/clouds';
import type { CredentialMethod } from '../../auth/credentials';
import { BearerTokenCredential } from '../../auth/staticCredentials';
import { armEndpointSettings } from '../../clients/arm/endpoint';
import { ManagedIdentityPolicyClient } from '../../clients/kusto/kustoClient';
import { describeStorageUri } from '../../core/blob/describeUri';
import { validateClusterUrl } from '../../core/clusterUrl';
import { isManagedIdentityReference } from '../../core/identity';
import { version } from '../../../package.json';
import { armReadiness } from '../../readiness/core/armServices';
import { checkReadiness } from '../../readiness/core/checkReadiness';
import { kustoReadiness } from '../../readiness/core/kustoServices';
import type { ReadinessServices } from '../../readiness/core/services';
import { getUsageIgnoreCase, USAGE_NAMES } from '../../core/kql/usages';
import { cliCredential, CLUSTER_OPTIONS, parseAuthMethod, parseTimeoutMs } from '../clusterOptions';
import { EXIT_CLEAN, EXIT_FINDINGS, UsageError, type CliCommand, type CliIo } from '../command';
import { formatJson, formatText } from './formatText';
import { readSource } from './readSource';

export const ARM_TOKEN_VARIABLE = 'ARM_ACCESS_TOKEN';

const USAGE = `Usage: kusto-mi check --cluster <url> --database <name> --blob <uri> [options]

Checks that Kusto can reach a blob with a managed identity, for the flow's
usage (NativeIngestion by default; --usage, or the command in --source):
  1. the URI carries ;managed_identity=system|<object id> (not a SAS or key)
  2. the identity is assigned to the cluster (its object id, not client id)
  3. the database or cluster managed_identity policy allows the usage
  4. the identity has a role with the blob data actions the flow needs on the
     storage account or above it, management groups included: read
     (Storage Blob Data Reader); write/delete for .export, continuous export
     and DeleteSourceOnSuccess (Storage Blob Data Contributor); Owner and
     Contributor alone are not enough; a disabled account or one in another
     tenant fails as such
  5. the ingestion code gives the blob size (with --source; NativeIngestion)
  6. the storage firewall lets the cluster in (networkAcls: trusted services
     or a resource-instance rule when the default action is Deny)
  7. continuous export (AutomatedFlows) only: the identity has a database
     role of viewer or above
  8. SDK code (with --source) only: a queued, not direct/streaming, client
A step that cannot be checked is reported as unknown, with the reason.

Options:
  -c, --cluster <url>                   Kusto cluster URL (required)
  -d, --database <name>                 Database to ingest into (required)
  -b, --blob <uri>                      Blob URI as the code passes it (required)
  -i, --identity <system|object id>     Identity to check when the URI names none (default: system)
  -s, --source <file>                   The file that ingests the blob (checks the blob size)
  -u, --usage <usage>                   The managed_identity usage to check: NativeIngestion,
                                        ExternalTable, ExportRequest, AutomatedFlows,
                                        ExternalDataRequest, SqlRequest, SandboxArtifacts, ...
                                        (default: from the command in --source, else
                                        NativeIngestion)
      --resource-id <id>                The cluster's ARM resource id (default: found by its URI)
  -f, --format <text|json>              Output format (default: text)
  -a, --auth <default|azcli|devicecode|env>
                                        How to get tokens (default: default); with env, the
                                        Kusto token comes from KUSTO_ACCESS_TOKEN and the Azure
                                        Resource Manager one from ${ARM_TOKEN_VARIABLE}
      --arm-endpoint <url>              Azure Resource Manager endpoint (default: https://management.azure.com)
      --tenant <id>                     Microsoft Entra tenant to sign in to
      --timeout <seconds>               Time limit per request (default: 30)
  -h, --help                            Show this help

JSON output: { blobUri, clusterUrl, database, identity, steps: [{ id, title, verdict,
summary, evidence, fix?, reason?, usage }], ready, checkedAt, usage, access,
recheckAfter? }; SAS signatures are masked.

Exit codes: 0 every step passed, 1 a step failed or could not be checked, 2 usage error.
`;

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'Check that a blob can be ingested with a managed identity (URI, identity, policy, role, size)',
  usage: USAGE,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const { values, positionals } = parse(argv);
    if (values.help) {
      io.out(USAGE);
      return EXIT_CLEAN;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const options = validate(values);
    const credential = cliCredential(options.method, options.cluster, values.tenant, io);
    const source = values.source !== undefined ? await readSource(values.source) : undefined;
    const client = new ManagedIdentityPolicyClient(options.cluster, credential, { timeoutMs: options.timeoutMs, applicationVersion: version });
    const kusto = kustoReadiness(client);
    try {
      const report = await checkReadiness({
        blobUri: options.blob, clusterUrl: options.cluster, database: options.database,
        ...(values.identity ? { identity: values.identity } : {}),
        ...(values['resource-id'] ? { clusterResourceId: values['resource-id'] } : {}),
        ...(source ? { source } : {}),
        ...(options.usage ? { usage: options.usage } : {}),
      }, { kusto, ...armServices(options, credential) });
      io.out(options.format === 'json' ? formatJson(report) : formatText(report));
      return report.ready ? EXIT_CLEAN : EXIT_FINDINGS;
    } finally {
      client.dispose();
    }
  },
};

interface Options {
  readonly cluster: string;
  readonly database: string;
  readonly blob: string;
  readonly format: 'text' | 'json';
  readonly method: CredentialMethod;
  readonly armEndpoint: string;
  readonly timeoutMs: number;
  readonly usage?: string;
}

function validate(values: ReturnType<typeof parse>['values']): Options {
  for (const required of ['cluster', 'database', 'blob'] as const) {
    if (values[required] === undefined || values[required].trim() === '') throw new UsageError(`--${required} is required`);
  }
  const cluster = validateClusterUrl(values.cluster!);
  if (!cluster.url) throw new UsageError(`invalid --cluster URL: ${cluster.error}`);
  if (!describeStorageUri(values.blob!.trim())) throw new UsageError('--blob is not an Azure Storage blob or ADLS URI');
  if (values.identity !== undefined && !isManagedIdentityReference(values.identity)) throw new UsageError(`--identity must be "system" or an object id (GUID), not '${values.identity}'`);
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not '${format}'`);
  let usage: string | undefined;
  if (values.usage !== undefined) {
    const info = getUsageIgnoreCase(values.usage.trim());
    if (!info || info.name === 'All') throw new UsageError(`--usage must be one of ${USAGE_NAMES.filter((u) => u !== 'All').join(', ')}, not '${values.usage}'`);
    usage = info.name;
  }
  const method = parseAuthMethod(values.auth);
  const armEndpoint = values['arm-endpoint'] ?? resolveCloud({}).armEndpoint;
  try {
    armEndpointSettings(armEndpoint);
  } catch (e) {
    throw new UsageError(`invalid --arm-endpoint: ${e instanceof Error ? e.message : String(e)}`);
  }
  return {
    cluster: cluster.url, database: values.database!.trim(), blob: values.blob!.trim(), format, method, armEndpoint, timeoutMs: parseTimeoutMs(values.timeout),
    ...(usage ? { usage } : {}),
  };
}

/** With `--auth env` ARM needs its own token (a Kusto token is for another audience). */
function armServices(options: Options, credential: TokenCredential): Omit<ReadinessServices, 'kusto'> {
  let armCredential = credential;
  if (options.method === 'env') {
    const token = process.env[ARM_TOKEN_VARIABLE]?.trim();
    if (!token) return { armUnavailable: `${ARM_TOKEN_VARIABLE} is not set: with --auth env, put a token for Azure Resource Manager in it to check the identity and its roles.` };
    armCredential = new BearerTokenCredential(token);
  }
  return { arm: armReadiness(armCredential, { endpoint: options.armEndpoint, timeoutMs: options.timeoutMs, discoverClusters: true }) };
}

function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        cluster: { type: 'string', short: 'c' },
        database: { type: 'string', short: 'd' },
        blob: { type: 'string', short: 'b' },
        identity: { type: 'string', short: 'i' },
        source: { type: 'string', short: 's' },
        usage: { type: 'string', short: 'u' },
        'resource-id': { type: 'string' },
        format: { type: 'string', short: 'f' },
        ...CLUSTER_OPTIONS,
        'arm-endpoint': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}
