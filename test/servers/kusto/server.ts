// A local server that speaks the Kusto REST protocol azure-kusto-data uses:
// auth metadata, `/v1/rest/mgmt` (v1 tables), `/v2/rest/query` (v2 frames).
// Bearer token required; read-only tokens get 403 on policy changes.
import type http from 'node:http';
import { FaultInjector, type Fault } from '../common/faults';
import { bearerToken, delay, listen, readBody, sendJson } from '../common/http';
import { executeCommand, isWriteCommand, parseCommand, type PolicyColumns } from './commands';
import { executeReadinessCommand, isReadinessWrite, parseReadinessCommand } from './readinessCommands';
import { authMetadata, errorBody, KustoServerError, statusError, v1Response, v2Response } from './responses';
import { demoClusterState } from './seed';
import { cloneState, type ClusterState, type DemoClusterState } from './state';

export type KustoEndpoint = 'metadata' | 'mgmt' | 'query' | 'other';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly endpoint: KustoEndpoint;
  /** The bearer token as sent; tests use it to check that no error message leaks it. */
  readonly token?: string;
  readonly db?: string;
  readonly csl?: string;
  readonly clientRequestId?: string;
  status?: number;
  fault?: Fault['kind'];
}

export interface KustoServerSettings {
  /** Which column shape `.show … policy managed_identity` answers with. */
  policyColumns: PolicyColumns;
  /** Tokens whose principal may read but not change policies (403 on `.alter*` / `.delete`). */
  readOnlyTokens: Set<string>;
}

export interface KustoServerOptions {
  readonly seed?: DemoClusterState;
  readonly port?: number;
  readonly policyColumns?: PolicyColumns;
  readonly readOnlyTokens?: Iterable<string>;
}

export interface KustoTestServer {
  readonly url: string;
  readonly state: ClusterState;
  readonly settings: KustoServerSettings;
  /** By default faults apply to `mgmt` and `query`; pass `endpoints: ['metadata']` to hit the metadata request. */
  readonly faults: FaultInjector;
  readonly requests: RecordedRequest[];
  /** The client request ids named by `.cancel query "<id>"`, in order. */
  readonly cancelledQueries: string[];
  /** Requests being handled now, and the most at once since start (for concurrency bounds). */
  readonly load: { inFlight: number; maxInFlight: number };
  close(): Promise<void>;
}

const ENDPOINTS: Record<string, KustoEndpoint> = {
  'GET /v1/rest/auth/metadata': 'metadata',
  'POST /v1/rest/mgmt': 'mgmt',
  'POST /v2/rest/query': 'query',
  'POST /v1/rest/query': 'query',
};

export async function startKustoServer(options: KustoServerOptions = {}): Promise<KustoTestServer> {
  const state = cloneState(options.seed ?? demoClusterState());
  const settings: KustoServerSettings = {
    policyColumns: options.policyColumns ?? 'grammar',
    readOnlyTokens: new Set(options.readOnlyTokens ?? []),
  };
  const faults = new FaultInjector((e) => e === 'mgmt' || e === 'query');
  const requests: RecordedRequest[] = [];
  const load = { inFlight: 0, maxInFlight: 0 };
  const cancelledQueries: string[] = [];
  // Queries held by injected latency, by client request id: `.cancel query` ends them early.
  const running = new Map<string, () => void>();

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (req.url?.startsWith('/v1/rest/auth/metadata') !== true) {
      load.inFlight++;
      load.maxInFlight = Math.max(load.maxInFlight, load.inFlight);
      res.once('close', () => load.inFlight--);
    }
    const path = (req.url ?? '/').split('?')[0];
    const endpoint = ENDPOINTS[`${req.method} ${path}`] ?? 'other';
    const bodyText = await readBody(req);
    const body = parseBody(bodyText);
    const clientRequestId = header(req, 'x-ms-client-request-id') ?? '';
    const record: RecordedRequest = {
      method: req.method ?? 'GET', path, endpoint, token: bearerToken(req), clientRequestId,
      db: typeof body?.db === 'string' ? body.db : undefined,
      csl: typeof body?.csl === 'string' ? body.csl : undefined,
    };
    requests.push(record);
    const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      sendJson(res, status, payload, headers);
    };
    const fail = (e: KustoServerError, headers: Record<string, string> = {}) =>
      reply(e.status, errorBody(e, { cluster: state.name, clientRequestId, csl: record.csl, db: record.db }), headers);

    const subject = { endpoint, text: record.csl ?? path };
    const latency = faults.latencyFor(subject);
    if (latency > 0) {
      let cancelled = false;
      await Promise.race([delay(latency), new Promise<void>((resolve) => running.set(clientRequestId, () => {
        cancelled = true;
        resolve();
      }))]);
      running.delete(clientRequestId);
      if (cancelled) return fail(KustoServerError.badRequest(`Query was cancelled by '.cancel query' (ClientRequestId: ${clientRequestId}).`));
    }
    const fault = faults.take(subject);
    if (fault && fault.kind !== 'shortRow') {
      record.fault = fault.kind;
      return applyFault(fault, req, res, record, fail);
    }

    if (endpoint === 'metadata') return reply(200, authMetadata());
    if (endpoint === 'other') return reply(404, { error: { code: 'NotFound', message: `No such endpoint: ${req.method} ${path}` } });
    if (!record.token) {
      return fail(statusError(401, 'The request has no bearer token.'), { 'www-authenticate': 'Bearer' });
    }
    if (!body || typeof body.csl !== 'string') return fail(KustoServerError.badRequest('The request body must be JSON with "db" and "csl".'));
    try {
      const readiness = parseReadinessCommand(body.csl);
      if (readiness) {
        if (isReadinessWrite(readiness) && settings.readOnlyTokens.has(record.token)) {
          return fail(statusError(403, `Principal 'aadapp=test-viewer' is not authorized to perform operation 'Add Database Principals' on '${state.name}'. That requires Database Admin permissions.`));
        }
        return reply(200, v1Response(executeReadinessCommand(readiness, state)));
      }
      const command = parseCommand(body.csl);
      if (command.op === 'cancelQuery') {
        cancelledQueries.push(command.clientRequestId);
        const cancel = running.get(command.clientRequestId);
        cancel?.();
        return reply(200, v1Response({
          columns: [{ name: 'RunningQueryId', type: 'string' }, { name: 'ClientRequestId', type: 'string' }, { name: 'ReasonPhrase', type: 'string' }],
          rows: [[cancel ? command.clientRequestId : '', command.clientRequestId, cancel ? 'Cancelled' : 'Not running']],
        }));
      }
      if (isWriteCommand(command) && settings.readOnlyTokens.has(record.token)) {
        return fail(statusError(403, `Principal 'aadapp=test-viewer' is not authorized to perform operation 'Alter ManagedIdentity Policy' on '${state.name}'. ` +
          'Changing the managed_identity policy requires AllDatabasesAdmin permissions.'));
      }
      let table = executeCommand(command, state, record.db ?? '', settings.policyColumns);
      if (fault?.kind === 'shortRow') {
        record.fault = fault.kind;
        table = { ...table, rows: table.rows.map((r) => r.slice(0, Math.max(0, table.columns.length - 1))) };
      }
      return reply(200, endpoint === 'query' && path.startsWith('/v2') ? v2Response(table, clientRequestId) : v1Response(table));
    } catch (e) {
      if (e instanceof KustoServerError) return fail(e);
      throw e;
    }
  };

  const listening = await listen(handle, options.port ?? 0);
  return { url: listening.url, state, settings, faults, requests, cancelledQueries, load, close: () => listening.close() };
}

function applyFault(
  fault: Fault,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  record: RecordedRequest,
  fail: (e: KustoServerError, headers?: Record<string, string>) => void,
): void {
  switch (fault.kind) {
    case 'status': {
      const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
      return fail(statusError(fault.status), headers);
    }
    case 'reset':
      req.socket.destroy();
      return;
    case 'malformed':
      record.status = 200;
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end('{"Tables": [{"TableName": "Table_0", "Columns": [');
      return;
    case 'resetMidBody':
      record.status = 200;
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.write('{"Tables": [{"TableName": "Table_0", "Columns": [', () => setTimeout(() => req.socket.destroy(), 10));
      return;
    case 'shortRow':
      return; // handled with the command's result
    case 'hang':
      return; // never answered; close() destroys the socket
  }
}

function parseBody(text: string): Record<string, unknown> | undefined {
  if (text === '') return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
