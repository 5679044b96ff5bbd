import { OmsError } from './oms-error.ts';

export interface IssuedToken {
  value: string;
  /** Epoch ms after which OMS no longer accepts it. */
  expiresAtMs: number;
}

export interface TokenManagerOptions {
  /** Performs one `POST /auth/token`. Shared by every waiting caller, so it takes no caller signal. */
  exchange: () => Promise<IssuedToken>;
  now: () => number;
  /** Refresh this long before expiry so a request never leaves with a token about to die in flight. */
  refreshMarginMs?: number;
}

/**
 * Holds the bearer token of one profile. At most one exchange is in flight: concurrent callers
 * that find the token missing, expiring or rejected all await the same exchange, and a failed
 * exchange rejects each of them once (no retry loop here; the next call tries afresh).
 */
export class TokenManager {
  #opts: TokenManagerOptions;
  #margin: number;
  #token: IssuedToken | null = null;
  #inflight: Promise<string> | null = null;
  /** Exchanges started (for tests and the status view). */
  exchanges = 0;

  constructor(opts: TokenManagerOptions) {
    this.#opts = opts;
    this.#margin = opts.refreshMarginMs ?? 60_000;
  }

  /** A token valid for at least the refresh margin. */
  async get(signal?: AbortSignal): Promise<string> {
    const t = this.#token;
    if (t && this.#opts.now() < t.expiresAtMs - this.#margin) return t.value;
    return abortable(this.#refresh(), signal);
  }

  /** After a 401 for `rejected`: forget it, unless a newer token has already replaced it. */
  invalidate(rejected: string): void {
    if (this.#token?.value === rejected) this.#token = null;
  }

  /** Drops the token (credentials changed, profile switched). An in-flight exchange still settles. */
  clear(): void {
    this.#token = null;
  }

  #refresh(): Promise<string> {
    this.#inflight ??= (async () => {
      this.exchanges += 1;
      try {
        const issued = await this.#opts.exchange();
        this.#token = issued;
        return issued.value;
      } finally {
        this.#inflight = null;
      }
    })();
    return this.#inflight;
  }
}

/** Lets one waiter give up on a shared promise without cancelling it for the others. */
function abortable<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(new OmsError('cancelled', 'The request was cancelled.'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new OmsError('cancelled', 'The request was cancelled.'));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => (signal.removeEventListener('abort', onAbort), resolve(v)),
      (e: unknown) => (signal.removeEventListener('abort', onAbort), reject(e)),
    );
  });
}

/**
 * Expiry from an `/auth/token` answer. `expiresIn` is measured on our clock (immune to skew
 * between us and OMS); `expiresAt` only ever shortens it.
 */
export function expiryFrom(body: { expiresIn?: number | null | undefined; expiresAt?: string | null | undefined }, nowMs: number): number {
  const candidates: number[] = [];
  if (typeof body.expiresIn === 'number' && body.expiresIn > 0) candidates.push(nowMs + body.expiresIn * 1000);
  const at = body.expiresAt ? Date.parse(body.expiresAt) : NaN;
  if (!Number.isNaN(at) && at > nowMs) candidates.push(at);
  // Neither usable: assume the documented hour rather than refreshing on every call.
  return candidates.length ? Math.min(...candidates) : nowMs + 3_600_000;
}
