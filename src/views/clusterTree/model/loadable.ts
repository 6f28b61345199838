// A value loaded on demand and kept until invalidated: what each tree node
// shows. Loads can be cancelled (node collapsed) or restarted (node refreshed);
// a failure is kept too, so re-rendering an error node does not hammer the
// cluster; only a refresh tries again.

export class CancelledLoadError extends Error {
  override readonly name = 'CancelledLoadError';
  constructor() {
    super('Cancelled.');
  }
}

interface Run<T> {
  readonly promise: Promise<T>;
  readonly controller: AbortController;
  /** Invalidated (not cancelled) while running: waiters follow the next run. */
  restart: boolean;
}

type State<T> =
  | { readonly kind: 'idle' }
  | { readonly kind: 'loading'; readonly run: Run<T> }
  | { readonly kind: 'loaded'; readonly value: T }
  | { readonly kind: 'failed'; readonly error: unknown };

export class Loadable<T> {
  private state: State<T> = { kind: 'idle' };

  constructor(private readonly loader: (signal: AbortSignal) => Promise<T>) {}

  get loading(): boolean {
    return this.state.kind === 'loading';
  }

  get loaded(): boolean {
    return this.state.kind === 'loaded';
  }

  /** The value, when loaded. */
  peek(): T | undefined {
    return this.state.kind === 'loaded' ? this.state.value : undefined;
  }

  /** The error, when the last load failed. */
  get error(): unknown {
    return this.state.kind === 'failed' ? this.state.error : undefined;
  }

  async get(): Promise<T> {
    switch (this.state.kind) {
      case 'loaded':
        return this.state.value;
      case 'failed':
        throw this.state.error;
      case 'loading':
        return this.follow(this.state.run);
      case 'idle':
        return this.follow(this.start());
    }
  }

  /** Stores a value known from elsewhere (a bulk load, the answer to a change). */
  set(value: T): void {
    this.abort(true);
    this.state = { kind: 'loaded', value };
  }

  fail(error: unknown): void {
    this.abort(true);
    this.state = { kind: 'failed', error };
  }

  /** Forget the value; a load in flight is stopped and whoever waits for it gets the next one. */
  invalidate(): void {
    this.abort(true);
    this.state = { kind: 'idle' };
  }

  /** Stop a load in flight (its waiters get CancelledLoadError); a loaded value stays. True when one was stopped. */
  cancel(): boolean {
    if (this.state.kind !== 'loading') return false;
    this.abort(false);
    this.state = { kind: 'idle' };
    return true;
  }

  private start(): Run<T> {
    const controller = new AbortController();
    const run: Run<T> = { controller, restart: false, promise: undefined as unknown as Promise<T> };
    const promise = this.loader(controller.signal).then(
      (value) => {
        if (this.current(run)) this.state = { kind: 'loaded', value };
        return value;
      },
      (error: unknown) => {
        if (this.current(run)) this.state = { kind: 'failed', error };
        throw error;
      },
    );
    promise.catch(() => undefined); // observed by waiters; never unhandled
    Object.assign(run, { promise });
    this.state = { kind: 'loading', run };
    return run;
  }

  private async follow(run: Run<T>): Promise<T> {
    try {
      const value = await run.promise;
      if (run.controller.signal.aborted) return run.restart ? this.get() : Promise.reject(new CancelledLoadError());
      return value;
    } catch (e) {
      if (run.controller.signal.aborted) {
        if (run.restart) return this.get();
        throw new CancelledLoadError();
      }
      throw e;
    }
  }

  private current(run: Run<T>): boolean {
    return this.state.kind === 'loading' && this.state.run === run;
  }

  private abort(restart: boolean): void {
    if (this.state.kind !== 'loading') return;
    this.state.run.restart = restart;
    this.state.run.controller.abort();
  }
}
