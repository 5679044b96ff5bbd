import type { OmsHealthView } from '#shared/domain/oms-health.ts';
import type { AttemptRecord } from './oms-client.ts';

const WINDOW = 20;
const SLOW_MS = 2000;
/** A failure older than this, with nothing since, may be over: worth one fresh call before saying so. */
const STALE_ERROR_MS = 5000;

/**
 * Tracks OMS's health from the console's own traffic: every attempt's outcome (through the
 * client's `onAttempt`) and the calls still waiting (through a wrapped fetch), so a hung OMS shows
 * as "waiting 8 s" long before the timeout, and a 429 as rate-limited until its Retry-After.
 */
export class OmsHealth {
  #profileId: string;
  #now: () => number;
  #durations: number[] = [];
  #lastOkAt: number | null = null;
  #lastError: { code: string; status: number | null; at: number } | null = null;
  #lastWasError = false;
  #rateLimitedUntil: number | null = null;
  #inFlight = new Map<number, number>();
  #seq = 0;
  #ticker: ReturnType<typeof setInterval> | null = null;
  #onChange: (v: OmsHealthView) => void;

  constructor(profileId: string, onChange: (v: OmsHealthView) => void, now: () => number = Date.now) {
    this.#profileId = profileId;
    this.#onChange = onChange;
    this.#now = now;
  }

  /** Wraps a fetch so calls in flight are counted (the client's own timeout still applies). */
  wrapFetch(inner: typeof fetch): typeof fetch {
    return async (input, init) => {
      const id = ++this.#seq;
      this.#inFlight.set(id, this.#now());
      this.#onChange(this.view());
      // While anything waits, say so every second: "waiting 8 s" must grow on screen.
      this.#ticker ??= setInterval(() => this.#onChange(this.view()), 1000);
      this.#ticker.unref?.();
      try {
        return await inner(input, init);
      } finally {
        this.#inFlight.delete(id);
        if (this.#inFlight.size === 0 && this.#ticker) {
          clearInterval(this.#ticker);
          this.#ticker = null;
        }
      }
    };
  }

  /** One finished attempt (the request log sees the same record). */
  attempt(r: AttemptRecord, retryAfterSec: number | null = null): void {
    const at = this.#now();
    const ok = r.status !== null && r.status < 500 && r.status !== 429 && r.status !== 408;
    if (ok) {
      this.#durations = [...this.#durations.slice(1 - WINDOW), r.durationMs];
      this.#lastOkAt = at;
      this.#lastWasError = false;
    } else {
      this.#lastError = { code: r.errorCode ?? (r.status === null ? 'network' : `http_${r.status}`), status: r.status, at };
      this.#lastWasError = true;
    }
    if (r.status === 429) this.#rateLimitedUntil = at + (retryAfterSec ?? 1) * 1000;
    this.#onChange(this.view());
  }

  /**
   * True when the verdict rests only on a failure some seconds old and nothing is waiting: OMS may
   * have recovered since, and a page opening now must not read "unreachable" on old news.
   */
  staleFailure(): boolean {
    const e = this.#lastError;
    return this.#lastWasError && e !== null && this.#inFlight.size === 0 && this.#now() - e.at >= STALE_ERROR_MS;
  }

  view(): OmsHealthView {
    const now = this.#now();
    const sorted = [...this.#durations].sort((a, b) => a - b);
    const latencyMs = sorted.length ? sorted[Math.floor(sorted.length / 2)]! : null;
    const oldest = this.#inFlight.size ? now - Math.min(...this.#inFlight.values()) : null;
    const limited = this.#rateLimitedUntil !== null && this.#rateLimitedUntil > now;
    const e = this.#lastError;
    let state: OmsHealthView['state'] = this.#lastOkAt === null && !e ? 'unknown' : 'ok';
    let detail = state === 'unknown' ? 'No OMS call yet.' : `OMS answers in about ${latencyMs ?? '?'} ms.`;
    if (this.#lastWasError && e && (e.status === null || e.code === 'timeout')) {
      state = 'down';
      detail = e.code === 'timeout' ? 'OMS did not answer in time.' : 'OMS cannot be reached.';
    } else if (this.#lastWasError && e && e.status !== null && e.status >= 500) {
      state = 'degraded';
      detail = `OMS is failing (HTTP ${e.status}).`;
    } else if (limited) {
      state = 'rate-limited';
      detail = `OMS is rate-limiting this key for ${Math.ceil((this.#rateLimitedUntil! - now) / 1000)} s more.`;
    }
    if ((state === 'ok' || state === 'unknown') && ((oldest ?? 0) > SLOW_MS || (latencyMs ?? 0) > SLOW_MS)) {
      state = 'slow';
      detail = oldest !== null && oldest > SLOW_MS ? `Waiting for OMS for ${Math.round(oldest / 1000)} s.` : `OMS is slow: about ${latencyMs} ms per call.`;
    }
    return {
      profileId: this.#profileId,
      state,
      detail,
      latencyMs,
      lastOkAt: this.#lastOkAt === null ? null : new Date(this.#lastOkAt).toISOString(),
      lastError: e ? { code: e.code, status: e.status, at: new Date(e.at).toISOString() } : null,
      rateLimitedUntil: limited ? new Date(this.#rateLimitedUntil!).toISOString() : null,
      inFlight: this.#inFlight.size,
      oldestInFlightMs: oldest,
    };
  }
}
