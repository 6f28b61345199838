// One AbortSignal for "the caller cancelled or the deadline passed", for
// clients that accept a signal (the Azure SDK, fetch), and which of the two fired.

export interface DeadlineSignal {
  readonly signal: AbortSignal;
  readonly timedOut: () => boolean;
  readonly cancelled: () => boolean;
}

export function deadlineSignal(caller: AbortSignal | undefined, timeoutMs: number): DeadlineSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = caller ? AbortSignal.any([caller, timeout]) : timeout;
  return {
    signal,
    cancelled: () => caller?.aborted === true,
    timedOut: () => timeout.aborted && caller?.aborted !== true,
  };
}
