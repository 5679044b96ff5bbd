import { useEffect, useState } from 'react';
import { formatAgo, formatDateTime, formatDuration, useFormatPrefs } from '../lib/format.ts';

/** "just now", "25 seconds ago", "3 hours ago", "2 days ago", in the locale chosen in Settings. */
export const ago = (ms: number, now = Date.now()): string => formatAgo(ms, now);

/** A time shown in words that keeps itself fresh every `tickMs`; the exact time is in the tooltip. */
function LiveTime({ at, words, tickMs, titlePrefix = '' }: { at: number | string; words: (ms: number, now: number) => string; tickMs: number; titlePrefix?: string }) {
  const ms = typeof at === 'string' ? Date.parse(at) : at;
  const [now, setNow] = useState(() => Date.now());
  useFormatPrefs();
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), tickMs);
    return () => clearInterval(t);
  }, [tickMs]);
  if (Number.isNaN(ms)) return <span>{String(at)}</span>;
  return (
    <time dateTime={new Date(ms).toISOString()} title={`${titlePrefix}${formatDateTime(ms)}`}>
      {words(ms, now)}
    </time>
  );
}

/** A relative time ("3 hours ago") that keeps itself fresh. */
export function TimeAgo({ at }: { at: number | string }) {
  return <LiveTime at={at} words={ago} tickMs={5000} />;
}

/** How long since `ms` as a duration ("5 minutes", "3 hours", "701 days"), for "waiting 3 hours". */
export const duration = (ms: number, now = Date.now()): string => formatDuration(ms, now);

/** A duration up to now ("waiting 3 hours") that keeps itself fresh; the tooltip says since when. */
export function TimeSince({ at }: { at: number | string }) {
  return <LiveTime at={at} words={duration} tickMs={30_000} titlePrefix="since " />;
}
