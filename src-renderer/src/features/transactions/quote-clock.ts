import { useEffect, useState } from 'react';
import type { QuoteView } from '#shared/domain/money-flow.ts';

/** Seconds left until `iso`, ticking; 0 once passed. */
export function useSecondsLeft(iso: string | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  if (!iso) return null;
  const at = Date.parse(iso);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * When a quote lapses on this machine's clock: its lifetime as OMS states it (expiresAt − createdAt)
 * counted from when it arrived, so a clock that differs from OMS's cannot show a lapsed quote as valid.
 */
export function localDeadline(q: QuoteView, receivedAt: number): string | null {
  if (!q.expiresAt) return null;
  const ends = Date.parse(q.expiresAt);
  const starts = q.createdAt ? Date.parse(q.createdAt) : Number.NaN;
  if (Number.isNaN(ends) || Number.isNaN(starts) || ends < starts) return q.expiresAt;
  return new Date(receivedAt + (ends - starts)).toISOString();
}
