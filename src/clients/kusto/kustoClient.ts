// ManagedIdentityPolicyClient: the managed_identity policy commands against one
// cluster, on azure-kusto-data. Adds what the SDK lacks: per-call cancellation,
// a deadline that also covers the auth-metadata request (which has no timeout),
// retries with backoff for 429 and passing failures, and typed, secret-free errors.
import { randomUUID } from 'node:crypto';
import type { TokenCredential } from '@azure/core-auth';
import {
  alterMergePolicyCommand, alterPolicyCommand, deletePolicyCommand, showDatabasesCommand, showPolicyCommand,
} from '../../core/kql/commands';
import { quoteName, quoteString } from '../../core/kql/quote';
import { describeTarget, type PolicyEntry, type PolicyEntryInput, type PolicyTarget } from '../../core/policy/model';
import { parsePolicyRows, PolicyParseError } from '../../core/policy/parse';
import { withRetry, type RetryOptions } from '../../core/retry';
import { TrackingCredential } from '../trackingCredential';
import { AbortedError, DeadlineError, raceAbortAndDeadline } from '../abort';
import { deadlineSignal } from '../deadline';
import { ensureCloudInfo } from './cloudMetadata';
import type { CallOptions, CommandOptions, DatabaseInfo, DatabasePolicyResult, KqlResult, LoadAllOptions, ManagedIdentityPolicyApi, RunOptions } from './api';
import { classifyError, isTransient } from './classifyError';
import { cancelledError, KustoRequestError, toKustoRequestError } from './errors';
import { isLoopbackUrl } from '../../auth/loopback';
import { loadAllDatabasePolicies } from './loadPolicies';
import { loadKustoSdk, type KustoSdk } from './sdk';

export interface KustoClientOptions {
  /** Client timeout of each request (default 30 s). */
  readonly timeoutMs?: number;
  /** Our own deadline is timeoutMs plus this (default 2 s); it catches a hung auth-metadata request. */
  readonly deadlineGraceMs?: number;
  /** Backoff policy and, for tests, the sleep and random source. */
  readonly retry?: Omit<RetryOptions, 'signal' | 'onRetry'>;
  /** Sent as the client's tracing details (x-ms-app); the OS user name is never sent. */
  readonly applicationName?: string;
  readonly applicationVersion?: string;
}

type Row = Record<string, unknown>;
type SdkClient = InstanceType<KustoSdk['Client']>;
type SdkTable = Awaited<ReturnType<SdkClient['executeMgmt']>>['primaryResults'][number];

/** Database used for cluster-level commands; the SDK needs one for every request. */
const DEFAULT_DB = 'NetDefaultDB';

export class ManagedIdentityPolicyClient implements ManagedIdentityPolicyApi {
  private client: Promise<{ sdk: KustoSdk; client: SdkClient }> | undefined;
  private readonly credential: TrackingCredential;
  private readonly timeoutMs: number;

  constructor(readonly clusterUrl: string, credential: TokenCredential, private readonly options: KustoClientOptions = {}) {
    this.credential = new TrackingCredential(credential);
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  listDatabases(options?: CallOptions): Promise<DatabaseInfo[]> {
    return this.run(DEFAULT_DB, showDatabasesCommand(), 'list the databases of', false, options, (rows) =>
      rows.map((r) => {
        if (typeof r.DatabaseName !== 'string') throw new PolicyParseError('The .show databases result has no DatabaseName column.');
        return typeof r.PrettyName === 'string' && r.PrettyName !== '' ? { name: r.DatabaseName, prettyName: r.PrettyName } : { name: r.DatabaseName };
      }));
  }

  getClusterPolicy(options?: CallOptions): Promise<PolicyEntry[] | null> {
    return this.policyCall({ kind: 'cluster' }, showPolicyCommand({ kind: 'cluster' }), 'read', options);
  }

  getDatabasePolicy(database: string, options?: CallOptions): Promise<PolicyEntry[] | null> {
    const target: PolicyTarget = { kind: 'database', database };
    return this.policyCall(target, () => showPolicyCommand(target), 'read', options);
  }

  alterMergePolicy(target: PolicyTarget, entries: readonly PolicyEntryInput[], options?: CallOptions): Promise<PolicyEntry[] | null> {
    return this.policyCall(target, () => alterMergePolicyCommand(target, entries), 'change', options);
  }

  alterPolicy(target: PolicyTarget, entries: readonly PolicyEntryInput[], options?: CallOptions): Promise<PolicyEntry[] | null> {
    return this.policyCall(target, () => alterPolicyCommand(target, entries), 'change', options);
  }

  async deletePolicy(target: PolicyTarget, options?: CallOptions): Promise<void> {
    await this.policyCall(target, () => deletePolicyCommand(target), 'delete', options);
  }

  loadAllDatabasePolicies(databases: readonly string[], options?: LoadAllOptions): Promise<DatabasePolicyResult[]> {
    return loadAllDatabasePolicies(this, databases, options);
  }

  runCommand(database: string, csl: string, options?: CommandOptions): Promise<Row[]> {
    return this.run(database, csl, options?.what ?? `run ${csl.split(/\s/, 1)[0]} on`, options?.writes === true, options, (rows) => rows);
  }

  async runKql(database: string, csl: string, options?: RunOptions): Promise<KqlResult> {
    const query = !csl.trimStart().startsWith('.');
    // Our own id, so that a cancelled query can be named in `.cancel query` (commands cannot be cancelled that way).
    const clientRequestId = `KMI.Run;${randomUUID()}`;
    try {
      return await this.runUserKql(database, csl, clientRequestId, options);
    } catch (e) {
      if (query && options?.signal?.aborted) this.cancelQuery(database, clientRequestId);
      throw e;
    }
  }

  /**
   * Asks the cluster to stop a query the user cancelled: dropping the request
   * alone leaves it running on the cluster. Best effort and not awaited: a
   * query that has already finished, or a principal not allowed to cancel,
   * changes nothing for the user, whose run has stopped either way.
   */
  private cancelQuery(database: string, clientRequestId: string): void {
    this.runCommand(database, `.cancel query ${quoteString(clientRequestId)}`, { what: 'cancel a query on', writes: true })
      .catch(() => undefined);
  }

  private runUserKql(database: string, csl: string, clientRequestId: string, options?: RunOptions): Promise<KqlResult> {
    const maxRows = options?.maxRows ?? 10_000;
    const what = `run ${csl.trimStart().startsWith('.') ? 'a command' : 'a query'} in database ${database} on`;
    return this.run(database, csl, what, options?.changesState ?? false, options, (_rows, table) => {
      const columns = table.columns.map((c) => ({ name: String(c.name ?? ''), type: String(c.type ?? '') }));
      const rows: unknown[][] = [];
      let truncated = false;
      for (const row of table.rows()) {
        if (rows.length >= maxRows) {
          truncated = true;
          break;
        }
        const json = row.toJSON() as Row;
        rows.push(columns.map((c) => json[c.name]));
      }
      return { columns, rows, truncated };
    }, { query: !csl.trimStart().startsWith('.'), retry: !options?.changesState, clientRequestId });
  }

  getDatabaseSchemaJson(database: string, options?: CallOptions): Promise<string> {
    return this.run(database, `.show database ${quoteName(database)} schema as json`, `read the schema of database ${database} on`, false, options, (rows) => {
      const json = rows[0]?.DatabaseSchema;
      if (typeof json !== 'string') throw new PolicyParseError('The .show database schema result has no DatabaseSchema column.');
      return json;
    });
  }

  /** Cancels requests in flight; the client cannot be used afterwards. */
  dispose(): void {
    void this.client?.then(({ client }) => client.close(), () => undefined);
  }

  private async policyCall(
    target: PolicyTarget,
    command: string | (() => string),
    verb: 'read' | 'change' | 'delete',
    options: CallOptions | undefined,
  ): Promise<PolicyEntry[] | null> {
    // Building the command validates the input; it throws PolicyCommandError before any request.
    const csl = typeof command === 'string' ? command : command();
    const db = target.kind === 'database' ? target.database : DEFAULT_DB;
    const what = `${verb} the managed_identity policy of ${describeTarget(target)} on`;
    return this.run(db, csl, what, verb !== 'read', options, parsePolicyRows);
  }

  private async run<T>(
    db: string,
    csl: string,
    what: string,
    changesPolicy: boolean,
    options: CallOptions | undefined,
    parse: (rows: Row[], table: SdkTable) => T,
    how: { readonly query?: boolean; readonly retry?: boolean; readonly clientRequestId?: string } = {},
  ): Promise<T> {
    const signal = options?.signal;
    const context = { what, cluster: this.clusterUrl };
    if (signal?.aborted) throw cancelledError(context);
    // A bearer token never travels over plain http, except to this machine.
    if (!carriesTokenSafely(this.clusterUrl)) {
      throw new KustoRequestError('badRequest', `Could not ${what} ${this.clusterUrl}: plain http is only used for a local cluster on loopback; use https:// so the access token is not sent in the clear.`);
    }
    let attempts = 0;
    try {
      return await withRetry(
        async (attempt) => {
          attempts = attempt;
          const { sdk, client } = await this.getClient();
          const properties = new sdk.ClientRequestProperties();
          properties.setClientTimeout(this.timeoutMs);
          properties.clientRequestId = how.clientRequestId ?? `KMI.${csl.split(' ', 1)[0].slice(1)};${randomUUID()}`;
          const deadline = this.timeoutMs + (this.options.deadlineGraceMs ?? 2_000);
          // Our own metadata request, under the client timeout: aborting it closes its socket, so nothing outlives the deadline.
          const metadata = deadlineSignal(signal, this.timeoutMs);
          const answer = ensureCloudInfo(sdk, this.clusterUrl, metadata.signal).then(
            () => how.query ? client.executeQuery(db, csl, properties) : client.executeMgmt(db, csl, properties),
            (e: unknown) => {
              if (metadata.timedOut()) throw new DeadlineError(`No answer within ${this.timeoutMs} ms`);
              throw e;
            },
          );
          const response = await raceAbortAndDeadline(answer, signal, deadline);
          const table = response.primaryResults[0];
          if (!table) throw new PolicyParseError('The response has no primary result.');
          // A query's rows are read by its parser from the table (only the first ones are kept).
          if (how.query) return parse([], table);
          return parse([...table.rows()].map((r) => {
            // A row shorter than its columns would read as "no policy": it is a broken answer.
            if (!Array.isArray(r.raw) || r.raw.length < table.columns.length) {
              throw new PolicyParseError(`A result row has ${Array.isArray(r.raw) ? r.raw.length : 0} values for ${table.columns.length} columns.`);
            }
            return r.toJSON() as Row;
          }), table);
        },
        (e) => {
          if (e instanceof AbortedError || how.retry === false) return { retry: false };
          const facts = classifyError(e);
          return isTransient(facts) ? { retry: true, retryAfterMs: facts.retryAfterMs } : { retry: false };
        },
        { ...this.options.retry, signal },
      );
    } catch (e) {
      if (e instanceof AbortedError || signal?.aborted) throw cancelledError(context);
      throw toKustoRequestError(classifyError(e), {
        ...context, changesPolicy, timeoutMs: this.timeoutMs, attempts, secrets: this.credential.tokens,
      });
    }
  }

  private getClient(): Promise<{ sdk: KustoSdk; client: SdkClient }> {
    this.client ??= loadKustoSdk().then((sdk) => {
      const kcsb = sdk.KustoConnectionStringBuilder.withTokenCredential(this.clusterUrl, this.credential);
      // Connector details instead of the SDK's defaults: no OS user name in x-ms-user, and no
      // os.userInfo() call on every request.
      kcsb.setConnectorDetails('KustoManagedIdentity', this.options.applicationVersion ?? 'dev', this.options.applicationName ?? 'KustoManagedIdentity');
      return { sdk, client: new sdk.Client(kcsb) };
    });
    this.client.catch(() => {
      this.client = undefined;
    });
    return this.client;
  }
}

function carriesTokenSafely(url: string): boolean {
  try {
    const protocol = new URL(url).protocol;
    return protocol === 'https:' || (protocol === 'http:' && isLoopbackUrl(url));
  } catch {
    return false;
  }
}
