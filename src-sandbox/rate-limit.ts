import { ApiError } from './http-util.ts';

/**
 * Fixed one-second windows per API key. Wall-clock based on purpose: advancing the virtual clock
 * must not refill or drain anyone's budget.
 */
export class RateLimiter {
  private readonly perSec: number;
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(perSec: number) {
    this.perSec = perSec;
  }

  take(key: string): void {
    const now = Date.now();
    let w = this.windows.get(key);
    if (!w || now - w.start >= 1000) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count += 1;
    if (w.count > this.perSec) {
      const retryAfter = Math.max(1, Math.ceil((w.start + 1000 - now) / 1000));
      throw new ApiError(429, `Rate limit of ${this.perSec} requests per second exceeded`, { headers: { 'Retry-After': String(retryAfter) } });
    }
  }
}
