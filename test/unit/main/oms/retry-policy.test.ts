import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffMs, decideRetry, isRepeatable, isRetryableStatus, MAX_RETRY_AFTER_MS, parseRetryAfter } from '../../../../src-main/oms/retry-policy.ts';

describe('retry policy', () => {
  it('repeats only GETs and POSTs carrying an Idempotency-Key', () => {
    expect(isRepeatable('GET', null)).toBe(true);
    expect(isRepeatable('POST', 'k-1')).toBe(true);
    expect(isRepeatable('POST', null)).toBe(false);
    expect(isRepeatable('POST', '')).toBe(false);
    for (const m of ['PATCH', 'PUT', 'DELETE']) expect(isRepeatable(m, 'k-1')).toBe(false);
  });

  it('retries 408, 429 and 5xx, never another 4xx', () => {
    fc.assert(
      fc.property(fc.integer({ min: 400, max: 599 }), (s) => {
        expect(isRetryableStatus(s)).toBe(s === 408 || s === 429 || s >= 500);
      }),
    );
  });

  it('full jitter stays within [0, min(max, base·2^(n-1)))', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, r) => {
        const d = backoffMs(attempt, () => r);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(Math.min(4000, 250 * 2 ** (attempt - 1)));
      }),
    );
  });

  it('reads Retry-After as seconds or an HTTP date, ignoring junk', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter(' 0.5 ', now)).toBe(500);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });

  it('waits at least what Retry-After asks, and gives up rather than wait past the cap', () => {
    const base = { method: 'GET', idempotencyKey: null, attempt: 1, status: 429, random: () => 0.9 };
    expect(decideRetry({ ...base, retryAfterMs: 3000 })).toEqual({ retry: true, delayMs: 3000 });
    expect(decideRetry({ ...base, retryAfterMs: 0 })).toEqual({ retry: true, delayMs: 225 });
    expect(decideRetry({ ...base, retryAfterMs: MAX_RETRY_AFTER_MS + 1 })).toEqual({ retry: false, reason: 'retry-after-too-long' });
  });

  it('stops after the third attempt, and at once for what may not be repeated', () => {
    const base = { method: 'POST', idempotencyKey: 'k', status: 503, retryAfterMs: null, random: () => 0 };
    expect(decideRetry({ ...base, attempt: 2 }).retry).toBe(true);
    expect(decideRetry({ ...base, attempt: 3 })).toEqual({ retry: false, reason: 'exhausted' });
    expect(decideRetry({ ...base, attempt: 1, idempotencyKey: null })).toEqual({ retry: false, reason: 'not-repeatable' });
    expect(decideRetry({ ...base, attempt: 1, status: 422 })).toEqual({ retry: false, reason: 'not-retryable' });
    expect(decideRetry({ ...base, attempt: 1, status: null }).retry).toBe(true); // network failure
  });
});
