// Fault injection shared by the test servers: latency, and "the next N matching
// requests" answering an HTTP error, resetting the connection, sending a body
// that is not JSON, resetting the connection half-way through the body,
// answering rows shorter than their columns, or never answering. A fault matches by endpoint and by a
// regex over the request's subject (the KQL text, or the ARM path).

export type FaultStatus = 401 | 403 | 404 | 429 | 500 | 502 | 503 | 504;

export type Fault =
  | { readonly kind: 'status'; readonly status: FaultStatus; readonly retryAfterSeconds?: number }
  | { readonly kind: 'reset' }
  | { readonly kind: 'malformed' }
  | { readonly kind: 'hang' }
  /** HTTP 200 and the start of the body, then the connection is reset. */
  | { readonly kind: 'resetMidBody' }
  /** A well-formed answer whose rows carry fewer values than the table has columns. */
  | { readonly kind: 'shortRow' };

export interface FaultScope {
  /** How many matching requests get the fault (default 1; Infinity for all). */
  readonly count?: number;
  /** Tested against the request's subject: the KQL text for Kusto, the path for ARM. */
  readonly match?: RegExp;
  /** Endpoint names the fault applies to; each server has a default set. */
  readonly endpoints?: readonly string[];
}

export interface FaultSubject {
  readonly endpoint: string;
  readonly text: string;
}

interface Armed {
  readonly fault: Fault;
  remaining: number;
  readonly match?: RegExp;
  readonly endpoints?: readonly string[];
}

export class FaultInjector {
  private armed: Armed[] = [];
  private latency: { ms: number; match?: RegExp } = { ms: 0 };

  /** `inScope` decides which endpoints a fault without `endpoints` applies to. */
  constructor(private readonly inScope: (endpoint: string) => boolean) {}

  /** Delay every matching request by `ms` before it is handled. */
  setLatency(ms: number, match?: RegExp): this {
    this.latency = { ms, match };
    return this;
  }

  failNext(status: FaultStatus, scope: FaultScope & { retryAfterSeconds?: number } = {}): this {
    return this.arm({ kind: 'status', status, retryAfterSeconds: scope.retryAfterSeconds }, scope);
  }

  resetNext(scope: FaultScope = {}): this {
    return this.arm({ kind: 'reset' }, scope);
  }

  malformedNext(scope: FaultScope = {}): this {
    return this.arm({ kind: 'malformed' }, scope);
  }

  resetMidBodyNext(scope: FaultScope = {}): this {
    return this.arm({ kind: 'resetMidBody' }, scope);
  }

  shortRowNext(scope: FaultScope = {}): this {
    return this.arm({ kind: 'shortRow' }, scope);
  }

  hangNext(scope: FaultScope = {}): this {
    return this.arm({ kind: 'hang' }, scope);
  }

  clear(): this {
    this.armed = [];
    this.latency = { ms: 0 };
    return this;
  }

  /** Faults still waiting for a request. */
  get pending(): number {
    return this.armed.reduce((n, a) => n + a.remaining, 0);
  }

  latencyFor(subject: FaultSubject): number {
    const { ms, match } = this.latency;
    return ms > 0 && (match === undefined || match.test(subject.text)) ? ms : 0;
  }

  /** The fault this request gets, if any; consumes one of its count. */
  take(subject: FaultSubject): Fault | undefined {
    const hit = this.armed.find((a) => this.matches(a, subject));
    if (hit === undefined) return undefined;
    hit.remaining--;
    this.armed = this.armed.filter((a) => a.remaining > 0);
    return hit.fault;
  }

  private arm(fault: Fault, scope: FaultScope): this {
    this.armed.push({ fault, remaining: scope.count ?? 1, match: scope.match, endpoints: scope.endpoints });
    return this;
  }

  private matches(a: Armed, s: FaultSubject): boolean {
    const endpointOk = a.endpoints ? a.endpoints.includes(s.endpoint) : this.inScope(s.endpoint);
    return endpointOk && (a.match === undefined || a.match.test(s.text));
  }
}
