/**
 * The sandbox's virtual clock: real time plus an offset that only ever grows through the control API.
 * Token expiry, idempotency TTL, events' createdAt, review and retry due times all read this clock,
 * so tests can jump hours ahead instead of sleeping. Webhook signatures use wall time: receivers
 * check them against their own clock.
 */
export interface Clock {
  now(): number;
  nowIso(): string;
  offsetMs(): number;
  advance(ms: number): void;
}

export function createClock(initialOffsetMs: number, onChange: (offsetMs: number) => void): Clock {
  let offset = initialOffsetMs;
  return {
    now: () => Date.now() + offset,
    nowIso: () => new Date(Date.now() + offset).toISOString(),
    offsetMs: () => offset,
    advance(ms: number) {
      offset += ms;
      onChange(offset);
    },
  };
}
