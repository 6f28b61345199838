// The one error type ARM discovery rejects with. Azure SDK clients throw
// RestError (statusCode, code, ARM's message); fetch throws TypeError with a
// network `cause`; timeouts and cancellation surface as AbortError.
import { maskSecrets } from '../maskSecrets';

export type ArmErrorKind =
  | 'unreachable'
  | 'timeout'
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'throttled'
  | 'serverError'
  | 'malformedResponse'
  | 'cancelled'
  | 'unknown';

export class ArmRequestError extends Error {
  override readonly name = 'ArmRequestError';

  constructor(readonly kind: ArmErrorKind, message: string, readonly status?: number, readonly armCode?: string) {
    super(message);
  }
}

export interface ArmErrorContext {
  /** "list the subscriptions at", "list the Kusto clusters of subscription X at". */
  readonly what: string;
  readonly endpoint: string;
  readonly timedOut: boolean;
  readonly cancelled: boolean;
  readonly timeoutMs: number;
  readonly secrets: Iterable<string>;
}

export function toArmRequestError(error: unknown, ctx: ArmErrorContext): ArmRequestError {
  if (error instanceof ArmRequestError) return error;
  const [kind, reason, status, code] = explain(error, ctx);
  return new ArmRequestError(kind, maskSecrets(`Could not ${ctx.what} ${ctx.endpoint}: ${reason}`, ctx.secrets), status, code);
}

function explain(error: unknown, ctx: ArmErrorContext): [ArmErrorKind, string, number?, string?] {
  if (ctx.cancelled) return ['cancelled', 'cancelled.'];
  if (ctx.timedOut) return ['timeout', `Azure Resource Manager did not answer within ${Math.round(ctx.timeoutMs / 1000)} s.`];
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: string; statusCode?: number; status?: number; code?: string; message?: string; cause?: { code?: string };
  };
  const status = e.statusCode ?? e.status;
  const armSaid = e.message ? ` Azure said: ${e.message}` : '';
  if (e.name === 'CredentialUnavailableError' || e.name === 'AuthenticationError') {
    return ['unauthorized', 'no access token could be obtained for Azure. Sign in to Azure again.'];
  }
  if (e.code === 'PARSE_ERROR' || error instanceof SyntaxError) {
    return ['malformedResponse', 'the answer could not be read (it is not the JSON Azure Resource Manager sends).'];
  }
  switch (status) {
    case 401: return ['unauthorized', 'Azure rejected the access token (HTTP 401). Sign in to Azure again.', status, e.code];
    case 403: return ['forbidden', `the signed-in account may not read this (HTTP 403); it needs at least the Reader role.${armSaid}`, status, e.code];
    case 404: return ['notFound', `not found (HTTP 404).${armSaid}`, status, e.code];
    case 429: return ['throttled', 'Azure Resource Manager is throttling requests (HTTP 429). Try again in a minute.', status, e.code];
  }
  if (status === 503) return ['serverError', 'Azure Resource Manager\'s service is unavailable (HTTP 503). Try again in a moment.', status, e.code];
  if (status !== undefined && status >= 500) return ['serverError', `Azure Resource Manager had an internal error (HTTP ${status}).`, status, e.code];
  if (status !== undefined && status >= 400) return ['unknown', `the request was rejected (HTTP ${status}).${armSaid}`, status, e.code];
  const text = `${e.message ?? ''} ${e.cause?.code ?? ''} ${e.code ?? ''}`;
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/.test(text)) {
    return ['unreachable', 'Azure Resource Manager could not be reached. Check the endpoint and that you are online.'];
  }
  // fetch says "terminated" when the connection drops half-way through the body.
  if (/ECONNRESET|socket hang up|EPIPE|UND_ERR_SOCKET/i.test(text) || (e.name === 'TypeError' && /terminated/.test(e.message ?? ''))) return ['unreachable', 'the connection was closed before Azure Resource Manager answered.'];
  return ['unknown', e.message ?? String(error)];
}
