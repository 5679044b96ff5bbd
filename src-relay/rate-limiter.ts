/** A token bucket per key: `perSec` sustained, `burst` at once. Local to one relay instance. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perSec: number;
  private readonly burst: number;

  constructor(perSec: number, burst: number) {
    this.perSec = perSec;
    this.burst = burst;
  }

  /** Returns 0 when allowed, else the seconds to wait before the next request would be. */
  take(key: string, now = Date.now()): number {
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSec);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.perSec));
  }
}
