// A local Azure Resource Manager for the calls discovery makes: list
// subscriptions, list and get Microsoft.Kusto/clusters. Bearer token and
// api-version required; lists page with `nextLink` when a page size is set.
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { FaultInjector, type Fault } from '../common/faults';
import { bearerToken, delay, listen, sendJson } from '../common/http';
import { armError, clusterResource, subscriptionResource } from './resources';
import { demoArmState } from './seed';
import type { ArmState } from './state';

export type ArmEndpoint = 'subscriptions' | 'clusters' | 'cluster' | 'other';

export interface ArmRecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly endpoint: ArmEndpoint;
  readonly apiVersion?: string;
  readonly token?: string;
  status?: number;
  fault?: Fault['kind'];
}

export interface ArmServerOptions {
  /** Default: `demoArmState(kustoUrl)`. The server uses this object itself, so tests can change it. */
  readonly state?: ArmState;
  /** Where the demo cluster's `properties.uri` points when no state is given. */
  readonly kustoUrl?: string;
  readonly port?: number;
  /** Items per page for the subscription list (default: all in one page). */
  readonly subscriptionPageSize?: number;
  /**
   * Items per page for cluster lists. The Kusto RP returns every cluster in one
   * page and @azure/arm-kusto's `clusters.list()` reads only that page, so this
   * exists to test other readers of the API; leave unset for the real behaviour.
   */
  readonly clusterPageSize?: number;
}

export interface ArmTestServer {
  readonly url: string;
  readonly state: ArmState;
  /** By default faults apply to every endpoint; the subject is the path. */
  readonly faults: FaultInjector;
  readonly requests: ArmRecordedRequest[];
  close(): Promise<void>;
}

const SUBSCRIPTIONS = /^\/subscriptions\/?$/i;
const CLUSTERS = /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.Kusto\/clusters\/?$/i;
const CLUSTER = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Kusto\/clusters\/([^/]+)\/?$/i;

export async function startArmServer(options: ArmServerOptions = {}): Promise<ArmTestServer> {
  const state = options.state ?? demoArmState(options.kustoUrl ?? 'https://demo.westeurope.kusto.windows.net');
  const faults = new FaultInjector(() => true);
  const requests: ArmRecordedRequest[] = [];
  let baseUrl = '';

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', baseUrl);
    const path = decodeURIComponent(url.pathname);
    const endpoint: ArmEndpoint = SUBSCRIPTIONS.test(path) ? 'subscriptions' : CLUSTERS.test(path) ? 'clusters' : CLUSTER.test(path) ? 'cluster' : 'other';
    const apiVersion = url.searchParams.get('api-version') ?? undefined;
    const record: ArmRecordedRequest = { method: req.method ?? 'GET', path, endpoint, apiVersion, token: bearerToken(req) };
    requests.push(record);
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      sendJson(res, status, body, { 'x-ms-request-id': randomUUID(), ...headers });
    };

    const subject = { endpoint, text: path };
    const latency = faults.latencyFor(subject);
    if (latency > 0) await delay(latency);
    const fault = faults.take(subject);
    if (fault) {
      record.fault = fault.kind;
      if (fault.kind === 'status') {
        const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
        return reply(fault.status, armError(FAULT_CODES[fault.status] ?? 'InternalServerError', `Injected HTTP ${fault.status}.`), headers);
      }
      if (fault.kind === 'reset') return void req.socket.destroy();
      if (fault.kind === 'malformed') {
        record.status = 200;
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        return void res.end('{"value": [{"id": ');
      }
      return; // hang
    }

    if (!record.token) {
      return reply(401, armError('AuthenticationFailed', 'Authentication failed. The \'Authorization\' header is missing.'), {
        'www-authenticate': 'Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", error_description="The authentication failed because of missing \'Authorization\' header."',
      });
    }
    if (req.method !== 'GET' || endpoint === 'other') {
      return reply(404, armError('NotFound', `No route for ${req.method} ${path}.`));
    }
    if (!apiVersion) {
      return reply(400, armError('MissingApiVersionParameter', 'The api-version query parameter (?api-version=) is required for all requests.'));
    }
    const skip = Number(url.searchParams.get('$skiptoken') ?? '0') || 0;
    const page = (items: unknown[], size: number | undefined) => {
      if (!size || skip + size >= items.length) return { value: items.slice(skip) };
      const next = new URL(url.pathname, baseUrl);
      next.searchParams.set('api-version', apiVersion);
      next.searchParams.set('$skiptoken', String(skip + size));
      return { value: items.slice(skip, skip + size), nextLink: next.toString() };
    };

    if (endpoint === 'subscriptions') {
      return reply(200, page(state.subscriptions.map((s) => subscriptionResource(s, state.tenantId)), options.subscriptionPageSize));
    }
    const [, subId, rg, name] = (CLUSTER.exec(path) ?? CLUSTERS.exec(path))!;
    const sub = state.subscriptions.find((s) => s.subscriptionId.toLowerCase() === subId.toLowerCase());
    if (!sub) return reply(404, armError('SubscriptionNotFound', `The subscription '${subId}' could not be found.`));
    if (endpoint === 'clusters') {
      return reply(200, page(sub.clusters.map((c) => clusterResource(sub.subscriptionId, c, state)), options.clusterPageSize));
    }
    const cluster = sub.clusters.find((c) => c.resourceGroup.toLowerCase() === rg.toLowerCase() && c.name.toLowerCase() === name.toLowerCase());
    if (!cluster) {
      return reply(404, armError('ResourceNotFound', `The Resource 'Microsoft.Kusto/Clusters/${name}' under resource group '${rg}' was not found.`));
    }
    return reply(200, clusterResource(sub.subscriptionId, cluster, state));
  };

  const listening = await listen(handle, options.port ?? 0);
  baseUrl = listening.url;
  return { url: listening.url, state, faults, requests, close: () => listening.close() };
}

const FAULT_CODES: Record<number, string> = {
  401: 'InvalidAuthenticationToken', 403: 'AuthorizationFailed', 429: 'TooManyRequests',
  500: 'InternalServerError', 502: 'BadGateway', 503: 'ServiceUnavailable', 504: 'GatewayTimeout',
};
