// Subscriptions the signed-in account can see, by a plain ARM GET (no
// subscriptions SDK package is installed), following `nextLink` pages.
import type { TokenCredential } from '@azure/core-auth';
import { parseRetryAfter, withRetry, type RetryOptions } from '../../core/retry';
import { deadlineSignal } from '../deadline';
import { TrackingCredential } from '../trackingCredential';
import type { ArmEndpointSettings } from './endpoint';
import { toArmRequestError } from './errors';

export interface SubscriptionInfo {
  readonly subscriptionId: string;
  readonly displayName: string;
  /** Enabled, Warned, PastDue, Disabled, Deleted. */
  readonly state: string;
  readonly tenantId?: string;
}

const API_VERSION = '2022-12-01';

export interface ListSubscriptionsOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  readonly retry?: Omit<RetryOptions, 'signal' | 'onRetry'>;
}

/** An HTTP failure shaped like the SDK's RestError, so one mapping serves both. */
class HttpFailure extends Error {
  constructor(readonly statusCode: number, readonly code: string | undefined, message: string, readonly retryAfter?: string) {
    super(message);
  }
}

export async function listSubscriptions(
  credential: TokenCredential,
  settings: ArmEndpointSettings,
  options: ListSubscriptionsOptions = {},
): Promise<SubscriptionInfo[]> {
  const tracking = credential instanceof TrackingCredential ? credential : new TrackingCredential(credential);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadline = deadlineSignal(options.signal, timeoutMs);
  const out: SubscriptionInfo[] = [];
  try {
    let url: string | undefined = `${settings.endpoint}/subscriptions?api-version=${API_VERSION}`;
    while (url) {
      const page = await withRetry(() => getJson(url!, tracking, settings, deadline.signal), (e) => {
        if (e instanceof HttpFailure && [429, 500, 502, 503, 504].includes(e.statusCode)) return { retry: true, retryAfterMs: parseRetryAfter(e.retryAfter, Date.now()) };
        // A connection dropped before or during the answer (fetch: "fetch failed" / "terminated") is passing.
        return { retry: !deadline.signal.aborted && droppedConnection(e) };
      }, { ...options.retry, signal: deadline.signal });
      for (const s of page.value ?? []) {
        if (typeof s.subscriptionId !== 'string') continue;
        out.push({ subscriptionId: s.subscriptionId, displayName: s.displayName ?? s.subscriptionId, state: s.state ?? 'Enabled', ...(s.tenantId ? { tenantId: s.tenantId } : {}) });
      }
      url = page.nextLink ? sameOrigin(page.nextLink, settings.endpoint) : undefined;
    }
    return out;
  } catch (e) {
    throw toArmRequestError(e, {
      what: 'list the subscriptions at', endpoint: settings.endpoint, timedOut: deadline.timedOut(),
      cancelled: deadline.cancelled(), timeoutMs, secrets: tracking.tokens,
    });
  }
}

interface SubscriptionPage {
  value?: { subscriptionId?: string; displayName?: string; state?: string; tenantId?: string }[];
  nextLink?: string;
}

async function getJson(url: string, credential: TokenCredential, settings: ArmEndpointSettings, signal: AbortSignal): Promise<SubscriptionPage> {
  const token = await credential.getToken(settings.scope, { abortSignal: signal });
  if (!token) throw new HttpFailure(401, undefined, 'No access token.');
  const res = await fetch(url, { headers: { authorization: `Bearer ${token.token}`, accept: 'application/json' }, signal });
  const text = await res.text();
  if (res.status !== 200) {
    let err: { code?: string; message?: string } | undefined;
    try {
      err = (JSON.parse(text) as { error?: { code?: string; message?: string } }).error;
    } catch {
      err = undefined;
    }
    throw new HttpFailure(res.status, err?.code, err?.message ?? `HTTP ${res.status}`, res.headers.get('retry-after') ?? undefined);
  }
  return JSON.parse(text) as SubscriptionPage; // a SyntaxError maps to malformedResponse
}

function droppedConnection(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && depth < 4; cur = (cur as { cause?: unknown }).cause, depth++) {
    const code = (cur as { code?: unknown }).code;
    if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET') return true;
  }
  return e instanceof TypeError && /terminated/.test(e.message);
}

/** A nextLink must stay on the endpoint the token is for. */
function sameOrigin(link: string, endpoint: string): string {
  if (new URL(link).origin !== new URL(endpoint).origin) throw new Error('The subscription list pointed to another host; not following it.');
  return link;
}
