// Cancellation and deadlines around promises that cannot themselves be
// cancelled (azure-kusto-data takes no AbortSignal). The losing promise is
// left to settle on its own; its rejection is observed so it is never unhandled.

export class DeadlineError extends Error {
  override readonly name = 'DeadlineError';
  readonly code = 'ETIMEDOUT';
}

export class AbortedError extends Error {
  override readonly name = 'AbortError';
}

export function raceAbortAndDeadline<T>(work: Promise<T>, signal: AbortSignal | undefined, deadlineMs: number): Promise<T> {
  work.catch(() => undefined);
  if (signal?.aborted) return Promise.reject(new AbortedError('Aborted'));
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new DeadlineError(`No answer within ${deadlineMs} ms`));
    }, deadlineMs);
    const onAbort = () => {
      cleanup();
      reject(new AbortedError('Aborted'));
    };
    const cleanup = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        cleanup();
        resolve(v);
      },
      (e: unknown) => {
        cleanup();
        reject(e);
      },
    );
  });
}
