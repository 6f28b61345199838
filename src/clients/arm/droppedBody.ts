// A connection dropped half-way through an answer's body is a passing fault:
// the Azure SDK's HTTP client reports it as PARSE_ERROR ("Error reading
// response as text: aborted"), which its retry policy does not retry and which
// would read as "not the JSON ARM sends". This policy, inside the retry loop,
// gives it the code of a reset connection, so it is retried and then reported
// as a lost connection. Typed structurally, like loopbackBearer.ts.

interface PipelineLike {
  addPolicy(policy: { name: string; sendRequest(request: unknown, next: (request: unknown) => Promise<unknown>): Promise<unknown> }, options?: { afterPhase?: string }): void;
}

const DROPPED = /^Error reading response as text/;

export function retryDroppedBodies(pipeline: unknown): void {
  (pipeline as PipelineLike).addPolicy({
    name: 'droppedBodyPolicy',
    async sendRequest(request, next) {
      try {
        return await next(request);
      } catch (e) {
        const err = e as { code?: unknown; message?: unknown };
        if (err?.code === 'PARSE_ERROR' && typeof err.message === 'string' && DROPPED.test(err.message)) {
          err.code = 'ECONNRESET';
        }
        throw e;
      }
    },
  }, { afterPhase: 'Retry' });
}
