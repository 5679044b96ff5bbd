/** Delays between tries of a busy listener port: growing, never more than 30 s apart. */
export const BIND_RETRY_MS: readonly number[] = [1_000, 2_000, 5_000, 10_000, 30_000];

/**
 * A port in use at start (another console still closing, a stale process) is tried again with a
 * bounded backoff until it binds, the operator moves the listener, or the console stops. Only a
 * busy port is retried: a forbidden one does not free itself.
 */
export class BindRetry {
  readonly #delays: readonly number[];
  #timer: ReturnType<typeof setTimeout> | null = null;
  #attempt = 0;
  #stopped = false;

  constructor(delays: readonly number[] = BIND_RETRY_MS) {
    this.#delays = delays.length ? delays : BIND_RETRY_MS;
  }

  static retriable(e: unknown): boolean {
    return (e instanceof Error && (e.cause as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE') || false;
  }

  /**
   * Runs `apply`; when it fails on a busy port, runs it again after the next delay, and so on.
   * `retrying` tells the status the error, the wait and the number of the next try.
   */
  async attempt(apply: () => Promise<void>, failed: (e: unknown) => void, retrying: (e: Error, inMs: number, attempt: number) => void): Promise<void> {
    try {
      await apply();
      this.reset();
    } catch (e) {
      failed(e);
      if (this.#stopped || !BindRetry.retriable(e)) return;
      this.schedule(() => void this.attempt(apply, failed, retrying), (ms, n) => retrying(e as Error, ms, n + 1));
    }
  }

  /** Schedules `run` after the next delay; `say` tells the status when and which try it will be. */
  schedule(run: () => void, say: (inMs: number, attempt: number) => void): void {
    this.cancel();
    const ms = this.#delays[Math.min(this.#attempt, this.#delays.length - 1)]!;
    this.#attempt += 1;
    say(ms, this.#attempt);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      run();
    }, ms);
    this.#timer.unref?.();
  }

  /** The port bound (or the operator chose another): the next failure starts from the first delay. */
  reset(): void {
    this.cancel();
    this.#attempt = 0;
  }

  stop(): void {
    this.#stopped = true;
    this.cancel();
  }

  cancel(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
