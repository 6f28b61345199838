// A local Azure Resource Manager for the calls discovery and the readiness
// check make: list subscriptions, list and get Microsoft.Kusto/clusters, list
// Microsoft.Storage/storageAccounts, read role definitions, list and create
// role assignments (authorization.ts). Bearer token and api-version required;
// lists page with `nextLink` when a page size is set.
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { FaultInjector, type Fault } from '../common/faults';
import { bearerToken, delay, listen, readBody, sendJson } from '../common/http';
import {
  createRoleAssignment, listRoleAssignments, parseRoleAssignmentFilter, ROLE_ASSIGNMENT, ROLE_ASSIGNMENTS, ROLE_DEFINITION,
  roleAssignmentResource, roleAssignments, roleDefinitionResource, roleDefinitions, validScope, type AuthorizationSettings,
} from './authorization';
import { armError, clusterResource, subscriptionResource } from './resources';
import { demoArmState } from './seed';
import { STORAGE_ACCOUNTS, storageAccountResource } from './storage';
import type { ArmState } from './state';

export type ArmEndpoint = 'subscriptions' | 'clusters' | 'cluster' | 'storageAccounts' | 'roleDefinition' | 'roleAssignments' | 'roleAssignment' | 'other';

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
  /** Behaviour switches tests flip while the server runs. */
  readonly settings: AuthorizationSettings;
  close(): Promise<void>;
}

const SUBSCRIPTIONS = /^\/subscriptions\/?$/i;
const CLUSTERS = /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.Kusto\/clusters\/?$/i;
const CLUSTER = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Kusto\/clusters\/([^/]+)\/?$/i;

export async function startArmServer(options: ArmServerOptions = {}): Promise<ArmTestServer> {
  const state = options.state ?? demoArmState(options.kustoUrl ?? 'https://demo.westeurope.kusto.windows.net');
  const faults = new FaultInjector(() => true);
  const requests: ArmRecordedRequest[] = [];
  const settings: AuthorizationSettings = { denyRoleAssignmentWrite: false };
  let baseUrl = '';

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', baseUrl);
    const path = decodeURIComponent(url.pathname);
    const endpoint = classify(path);
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
      if (fault.kind === 'resetMidBody') {
        record.status = 200;
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        return void res.write('{"value": [{"id": ', () => setTimeout(() => req.socket.destroy(), 10));
      }
      if (fault.kind === 'malformed' || fault.kind === 'shortRow') {
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
    const body = await readBody(req);
    const method = req.method ?? 'GET';
    const writable = endpoint === 'roleAssignment' && method === 'PUT';
    if ((method !== 'GET' && !writable) || endpoint === 'other') {
      return reply(404, armError('NotFound', `No route for ${method} ${path}.`));
    }
    if (!apiVersion) {
      return reply(400, armError('MissingApiVersionParameter', 'The api-version query parameter (?api-version=) is required for all requests.'));
    }
    if (endpoint === 'roleDefinition' || endpoint === 'roleAssignments' || endpoint === 'roleAssignment') {
      const [, scope, name] = (endpoint === 'roleDefinition' ? ROLE_DEFINITION : endpoint === 'roleAssignment' ? ROLE_ASSIGNMENT : ROLE_ASSIGNMENTS).exec(path)!;
      if (!validScope(scope, endpoint === 'roleDefinition')) return reply(400, armError('InvalidScope', `The scope '${scope}' is not valid.`));
      if (endpoint === 'roleDefinition') {
        const definition = roleDefinitions(state).find((d) => d.name.toLowerCase() === name.toLowerCase());
        if (!definition) return reply(404, armError('RoleDefinitionDoesNotExist', `The specified role definition with ID '${name}' does not exist.`));
        return reply(200, roleDefinitionResource(scope, definition));
      }
      if (endpoint === 'roleAssignment') {
        if (method === 'PUT') return createRoleAssignment(state, settings, { scope, name, body }, reply);
        const found = roleAssignments(state).find((a) => a.name.toLowerCase() === name.toLowerCase() && a.scope.toLowerCase() === scope.toLowerCase());
        if (!found) return reply(404, armError('RoleAssignmentNotFound', `The role assignment '${name}' is not found.`));
        return reply(200, roleAssignmentResource(found));
      }
      const filter = parseRoleAssignmentFilter(url.searchParams.get('$filter'));
      if ('error' in filter) return reply(400, armError('UnsupportedQuery', filter.error));
      return reply(200, { value: listRoleAssignments(state, scope, filter).map(roleAssignmentResource) });
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
    const [, subId, rg, name] = (CLUSTER.exec(path) ?? CLUSTERS.exec(path) ?? STORAGE_ACCOUNTS.exec(path))!;
    const sub = state.subscriptions.find((s) => s.subscriptionId.toLowerCase() === subId.toLowerCase());
    if (!sub) return reply(404, armError('SubscriptionNotFound', `The subscription '${subId}' could not be found.`));
    if (endpoint === 'storageAccounts') {
      return reply(200, page((sub.storageAccounts ?? []).map((a) => storageAccountResource(sub.subscriptionId, a)), undefined));
    }
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
  return { url: listening.url, state, faults, requests, settings, close: () => listening.close() };
}

function classify(path: string): ArmEndpoint {
  if (SUBSCRIPTIONS.test(path)) return 'subscriptions';
  if (CLUSTERS.test(path)) return 'clusters';
  if (CLUSTER.test(path)) return 'cluster';
  if (STORAGE_ACCOUNTS.test(path)) return 'storageAccounts';
  if (ROLE_DEFINITION.test(path)) return 'roleDefinition';
  if (ROLE_ASSIGNMENTS.test(path)) return 'roleAssignments';
  if (ROLE_ASSIGNMENT.test(path)) return 'roleAssignment';
  return 'other';
}

const FAULT_CODES: Record<number, string> = {
  401: 'InvalidAuthenticationToken', 403: 'AuthorizationFailed', 429: 'TooManyRequests',
  500: 'InternalServerError', 502: 'BadGateway', 503: 'ServiceUnavailable', 504: 'GatewayTimeout',
};
