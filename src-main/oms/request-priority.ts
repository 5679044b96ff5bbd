import { AsyncLocalStorage } from 'node:async_hooks';
import { OmsError } from './oms-error.ts';

/**
 * Who is waiting for an OMS call. `user`: a person is looking at a spinner (a search, opening a
 * record, a money action). `background`: nobody is (webhook re-fetches, the directory walk) and it
 * yields to every user call and backs off on a 429.
 */
export type Lane = 'user' | 'background';

const lane = new AsyncLocalStorage<Lane>();

/** Runs `fn` with every OMS call it makes (however deep) in the background lane. */
export function inBackground<T>(fn: () => Promise<T>): Promise<T> {
  return lane.run('background', fn);
}

export const currentLane = (): Lane => lane.getStore() ?? 'user';

interface Waiter {
  lane: Lane;
  resolve: () => void;
  reject: (e: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export interface RateGateOptions {
  /** Calls started in any one-second window, at most (OMS documents no limit; the sandbox allows 25). */
  perSecond?: number;
  /** Of those, how many the background lane leaves free while a person is at work (a user call lately). */
  userReserve?: number;
  /** How many it leaves free when nobody has made a call for `activeForMs`: enough for the first one. */
  idleReserve?: number;
  /** How long after a user call the person counts as at work. */
  activeForMs?: number;
  now?: () => number;
}

/**
 * One profile's request budget, with the user first. A sliding one-second window (not a bucket) so
 * that no fixed one-second window on the server side ever sees more than `perSecond` calls. User
 * calls are served before any background call; background calls also stop short of the last
 * `userReserve` slots, and pause whenever OMS said 429 to anyone.
 */
export class RateGate {
  readonly perSecond: number;
  readonly #reserve: number;
  readonly #idleReserve: number;
  readonly #activeForMs: number;
  readonly #now: () => number;
  #lastUserAt = -Infinity;
  #starts: number[] = [];
  #waiters: Waiter[] = [];
  #timer: ReturnType<typeof setTimeout> | null = null;
  #backgroundPausedUntil = 0;

  constructor(o: RateGateOptions = {}) {
    this.perSecond = o.perSecond ?? 20;
    this.#reserve = Math.min(o.userReserve ?? 4, this.perSecond - 1);
    this.#idleReserve = Math.min(o.idleReserve ?? 1, this.#reserve);
    this.#activeForMs = o.activeForMs ?? 5000;
    this.#now = o.now ?? Date.now;
  }

  /** Resolves when this lane may start one call; a cancelled caller never takes a slot. */
  take(l: Lane, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new OmsError('cancelled', 'The request was cancelled.'));
    if (l === 'user') this.#lastUserAt = this.#now();
    return new Promise<void>((resolve, reject) => {
      const w: Waiter = {
        lane: l,
        resolve,
        reject,
        signal,
        onAbort: () => {
          this.#waiters = this.#waiters.filter((x) => x !== w);
          reject(new OmsError('cancelled', 'The request was cancelled.'));
          this.#pump();
        },
      };
      signal?.addEventListener('abort', w.onAbort, { once: true });
      this.#waiters.push(w);
      this.#pump();
    });
  }

  /** OMS answered 429: background calls wait this long before they try again. */
  backOff(ms: number): void {
    this.#backgroundPausedUntil = Math.max(this.#backgroundPausedUntil, this.#now() + Math.max(ms, 250));
    this.#pump();
  }

  /** Calls waiting in each lane (for tests and the bench). */
  waiting(): { user: number; background: number } {
    return { user: this.#waiters.filter((w) => w.lane === 'user').length, background: this.#waiters.filter((w) => w.lane === 'background').length };
  }

  /**
   * The full reserve while a person is at work; when nobody has called for a while, only one slot,
   * so a long background job (the directory walk) is not slowed for no one. The first call of a
   * person who comes back still finds that slot, and from then on the full reserve is kept again.
   */
  #reserveNow(now: number): number {
    return now - this.#lastUserAt < this.#activeForMs ? this.#reserve : this.#idleReserve;
  }

  #pump(): void {
    const now = this.#now();
    this.#starts = this.#starts.filter((t) => now - t < 1000);
    const backgroundCap = this.perSecond - this.#reserveNow(now);
    for (;;) {
      const user = this.#waiters.find((w) => w.lane === 'user');
      const next = user ?? (now >= this.#backgroundPausedUntil && this.#starts.length < backgroundCap ? this.#waiters[0] : undefined);
      if (!next || this.#starts.length >= this.perSecond) break;
      this.#waiters = this.#waiters.filter((w) => w !== next);
      next.signal?.removeEventListener('abort', next.onAbort);
      this.#starts.push(now);
      next.resolve();
    }
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#waiters.length === 0) return;
    const oldest = this.#starts[0];
    const slotFree = oldest === undefined ? now : oldest + 1000;
    const onlyBackground = !this.#waiters.some((w) => w.lane === 'user');
    const at = onlyBackground ? Math.max(slotFree, this.#backgroundPausedUntil) : slotFree;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#pump();
    }, Math.max(1, at - now));
  }
}
