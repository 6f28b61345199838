// Reads what azure-kusto-data threw into plain facts: HTTP status, the Kusto
// error body, network code, Retry-After. The SDK throws AxiosErrors for HTTP
// failures, ThrottlingError (AxiosError in `.inner`) for 429, a plain Error
// with the cause stringified when the auth-metadata request fails, and
// KustoAuthenticationError when the credential cannot give a token.
import { parseRetryAfter } from '../../core/retry';
import { CloudMetadataError } from './cloudMetadata';

export interface ErrorFacts {
  readonly status?: number;
  /** ECONNREFUSED, ENOTFOUND, ECONNRESET, ECONNABORTED, … */
  readonly networkCode?: string;
  readonly kustoCode?: string;
  readonly kustoMessage?: string;
  readonly retryAfterMs?: number;
  readonly credentialFailure?: boolean;
  /** The credential has no session in this tenant (the cluster's own): signing in there is the fix. */
  readonly signInTenant?: string;
  readonly malformed?: boolean;
  /** The SDK client was closed (dispose) while the request ran. */
  readonly cancelled?: boolean;
  /** The SDK's own message, for the "unknown" case only. */
  readonly rawMessage: string;
}

interface AxiosLike {
  isAxiosError: true;
  code?: string;
  message: string;
  response?: { status: number; data?: unknown; headers?: Record<string, unknown> };
}

function isAxiosLike(e: unknown): e is AxiosLike {
  return typeof e === 'object' && e !== null && (e as { isAxiosError?: unknown }).isAxiosError === true;
}

const NETWORK_CODES = /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|EPIPE|ETIMEDOUT|ECONNABORTED|EHOSTUNREACH|ENETUNREACH)\b/;

export function classifyError(error: unknown): ErrorFacts {
  const name = error instanceof Error ? error.name : '';
  const rawMessage = error instanceof Error ? error.message : String(error);
  if (name === 'ThrottlingError') {
    const inner = (error as { inner?: unknown }).inner;
    return { ...(isAxiosLike(inner) ? fromAxios(inner) : {}), status: 429, rawMessage };
  }
  if (rawMessage === 'Client is closed') return { cancelled: true, rawMessage };
  if (error instanceof CloudMetadataError) {
    const { status, code, malformed } = error.facts;
    return { ...(status !== undefined ? { status } : {}), ...(code !== undefined ? { networkCode: code } : {}), ...(malformed ? { malformed } : {}), rawMessage };
  }
  if (name === 'KustoAuthenticationError') {
    const tenant = (error as { inner?: { tenantId?: unknown } }).inner?.tenantId;
    return { credentialFailure: true, ...(typeof tenant === 'string' ? { signInTenant: tenant } : {}), rawMessage };
  }
  if (isAxiosLike(error)) {
    return error.code === 'ERR_CANCELED' ? { cancelled: true, rawMessage } : { ...fromAxios(error), rawMessage };
  }
  if (name === 'PolicyParseError' || /^Failed to parse response/.test(rawMessage)) return { malformed: true, rawMessage };
  if (/^Failed to get cloud info/.test(rawMessage)) {
    // The metadata request's AxiosError survives only as text.
    const status = /status code (\d{3})/.exec(rawMessage);
    const code = NETWORK_CODES.exec(rawMessage);
    if (status) return { status: Number(status[1]), rawMessage };
    if (code) return { networkCode: code[1], rawMessage };
    if (/socket hang up/i.test(rawMessage)) return { networkCode: 'ECONNRESET', rawMessage };
    return { rawMessage };
  }
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && NETWORK_CODES.test(code)) return { networkCode: code, rawMessage };
  return { rawMessage };
}

function fromAxios(e: AxiosLike): Omit<ErrorFacts, 'rawMessage'> {
  const response = e.response;
  if (!response) {
    const code = e.code ?? (/socket hang up/i.test(e.message) ? 'ECONNRESET' : undefined);
    return { networkCode: code };
  }
  if (response.status >= 200 && response.status < 300) {
    // A success status whose body never arrived whole: the connection dropped half-way (a passing fault, retried).
    const dropped = (e.code !== undefined && NETWORK_CODES.test(e.code)) || /aborted|premature|socket hang up/i.test(e.message) || e.code === 'ERR_STREAM_PREMATURE_CLOSE';
    if (dropped) return { networkCode: e.code !== undefined && NETWORK_CODES.test(e.code) ? e.code : 'ECONNRESET' };
  }
  const body = response.data;
  const err = typeof body === 'object' && body !== null ? (body as { error?: Record<string, unknown> }).error : undefined;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
  const retryAfter = response.headers?.['retry-after'];
  return {
    status: response.status,
    kustoCode: text(err?.code),
    kustoMessage: text(err?.['@message']) ?? text(err?.message),
    retryAfterMs: parseRetryAfter(typeof retryAfter === 'string' ? retryAfter : undefined, Date.now()),
  };
}

/** Worth another attempt: throttling, passing server trouble, a dropped connection. */
export function isTransient(facts: ErrorFacts): boolean {
  if (facts.status !== undefined) return [429, 500, 502, 503, 504].includes(facts.status);
  return facts.networkCode === 'ECONNRESET' || facts.networkCode === 'EPIPE';
}
