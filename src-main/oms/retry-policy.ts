/**
 * Pure retry rules for the OMS client. A request may be repeated only when repeating it cannot
 * create a second resource: GETs, and POSTs that carry the Idempotency-Key of their logical
 * operation (OMS replays the first result for a repeated key).
 */
export const MAX_ATTEMPTS = 3;
export const BASE_DELAY_MS = 250;
export const MAX_DELAY_MS = 4_000;
/** A server asking for a longer pause than this is surfaced to the operator instead of blocking. */
export const MAX_RETRY_AFTER_MS = 30_000;

export function isRepeatable(method: string, idempotencyKey: string | null | undefined): boolean {
  const m = method.toUpperCase();
  return m === 'GET' || (m === 'POST' && typeof idempotencyKey === 'string' && idempotencyKey.length > 0);
}

/** Statuses that say "try again later": timeout, rate limit, server trouble. Other 4xx never are. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Full-jitter exponential backoff: uniform in [0, min(max, base·2^(attempt-1))). */
export function backoffMs(attempt: number, random: () => number, base = BASE_DELAY_MS, max = MAX_DELAY_MS): number {
  const ceiling = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Retry-After as milliseconds: delta-seconds or an HTTP date. Null when absent or unreadable
 * (the caller falls back to backoff); never negative.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (value === null || value === undefined) return null;
  const v = value.trim();
  if (v === '') return null;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason: 'not-repeatable' | 'not-retryable' | 'exhausted' | 'retry-after-too-long' };

/**
 * Whether attempt `attempt` (1-based) that ended with `status` (null = network failure or
 * timeout) should be followed by another, and after how long.
 */
export function decideRetry(a: {
  method: string;
  idempotencyKey: string | null | undefined;
  attempt: number;
  status: number | null;
  retryAfterMs: number | null;
  random: () => number;
  maxAttempts?: number;
  maxRetryAfterMs?: number;
}): RetryDecision {
  if (!isRepeatable(a.method, a.idempotencyKey)) return { retry: false, reason: 'not-repeatable' };
  if (a.status !== null && !isRetryableStatus(a.status)) return { retry: false, reason: 'not-retryable' };
  if (a.attempt >= (a.maxAttempts ?? MAX_ATTEMPTS)) return { retry: false, reason: 'exhausted' };
  const jitter = backoffMs(a.attempt, a.random);
  if (a.retryAfterMs !== null) {
    if (a.retryAfterMs > (a.maxRetryAfterMs ?? MAX_RETRY_AFTER_MS)) return { retry: false, reason: 'retry-after-too-long' };
    // The server's pause is a floor: never come back sooner than it asked.
    return { retry: true, delayMs: Math.max(a.retryAfterMs, jitter) };
  }
  return { retry: true, delayMs: jitter };
}
