// The one error type the Kusto client rejects with, and the words for each
// failure. Messages name the operation and the cluster, say what to do, and
// are scrubbed of tokens and SAS signatures.
import { maskSecrets } from '../maskSecrets';
import type { ErrorFacts } from './classifyError';

export type KustoErrorKind =
  | 'unreachable'
  | 'connectionLost'
  | 'timeout'
  | 'unauthorized'
  | 'forbidden'
  | 'throttled'
  | 'badRequest'
  | 'serverError'
  | 'malformedResponse'
  | 'cancelled'
  | 'unknown';

export interface KustoErrorDetails {
  readonly status?: number;
  readonly kustoCode?: string;
  readonly attempts?: number;
  /** `unauthorized` because no one is signed in to this tenant, the cluster's. */
  readonly signInTenant?: string;
}

export class KustoRequestError extends Error {
  override readonly name = 'KustoRequestError';

  constructor(readonly kind: KustoErrorKind, message: string, readonly details: KustoErrorDetails = {}) {
    super(message);
  }
}

export function isKustoRequestError(e: unknown): e is KustoRequestError {
  return e instanceof KustoRequestError;
}

export interface OperationContext {
  /** "list the databases of", "read the managed_identity policy of database 'Sales' on", … */
  readonly what: string;
  readonly cluster: string;
  /** Policy changes get the "needs All Database Admin" explanation on 403. */
  readonly changesPolicy: boolean;
  readonly timeoutMs: number;
  readonly attempts: number;
  readonly secrets: Iterable<string>;
}

export function cancelledError(ctx: Pick<OperationContext, 'what' | 'cluster'>): KustoRequestError {
  return new KustoRequestError('cancelled', `Cancelled: ${ctx.what} ${ctx.cluster}.`);
}

export function toKustoRequestError(facts: ErrorFacts, ctx: OperationContext): KustoRequestError {
  const [kind, reason] = explain(facts, ctx);
  const message = maskSecrets(`Could not ${ctx.what} ${ctx.cluster}: ${reason}`, ctx.secrets);
  return new KustoRequestError(kind, message, {
    status: facts.status, kustoCode: facts.kustoCode, attempts: ctx.attempts, ...(facts.signInTenant ? { signInTenant: facts.signInTenant } : {}),
  });
}

function explain(f: ErrorFacts, ctx: OperationContext): [KustoErrorKind, string] {
  const tries = ctx.attempts > 1 ? ` (tried ${ctx.attempts} times)` : '';
  const said = f.kustoMessage ? ` The cluster said: ${f.kustoMessage}` : '';
  if (f.cancelled) return ['cancelled', 'cancelled, the client was closed.'];
  if (f.credentialFailure && f.signInTenant) {
    return ['unauthorized', `you are not signed in to the cluster's tenant ${f.signInTenant}. Sign in to it ("Sign In to Another Tenant").`];
  }
  if (f.credentialFailure) {
    return ['unauthorized', 'no access token could be obtained for the cluster. Sign in again.'];
  }
  if (f.malformed) return ['malformedResponse', 'the cluster\'s answer could not be read (it is not the Kusto response format expected).'];
  switch (f.status) {
    case 401:
      return ['unauthorized', 'the cluster rejected the access token (HTTP 401). Sign in again, or check that the account belongs to the cluster\'s tenant.'];
    case 403:
      return ctx.changesPolicy
        ? ['forbidden', `Changing the managed_identity policy needs the All Database Admin role on the cluster, which the signed-in account does not have (HTTP 403).${said}`]
        : ['forbidden', `the signed-in account is not allowed to do this (HTTP 403).${said}`];
    case 429: {
      const wait = f.retryAfterMs !== undefined ? ` The cluster asked to wait ${Math.ceil(f.retryAfterMs / 1000)} s.` : '';
      return ['throttled', `the cluster is throttling requests (HTTP 429) and still refused${tries}. Try again later.${wait}`];
    }
    case undefined:
      break;
    default:
      if (f.status === 503) return ['serverError', `the cluster's service is unavailable (HTTP 503)${tries}. Try again in a moment.${said}`];
      if (f.status >= 500) return ['serverError', `the cluster had an internal error (HTTP ${f.status})${tries}.${said}`];
      if (f.status >= 400) return ['badRequest', `the cluster rejected the command (HTTP ${f.status}).${said}`];
      return ['malformedResponse', `the cluster answered with HTTP ${f.status}, which is not a Kusto result.`];
  }
  switch (f.networkCode) {
    case 'ECONNREFUSED':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return ['unreachable', 'the cluster could not be reached (connection refused). Check the cluster URL and that you are online.'];
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return ['unreachable', 'the cluster\'s host name could not be found. Check the cluster URL.'];
    case 'ECONNRESET':
    case 'EPIPE':
      return ['connectionLost', `the connection was closed before the cluster answered${tries}.`];
    case 'ECONNABORTED':
    case 'ETIMEDOUT':
      return ['timeout', `the cluster did not answer within ${Math.round(ctx.timeoutMs / 1000)} s.`];
  }
  return ['unknown', f.rawMessage];
}
