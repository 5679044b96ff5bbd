import { useEffect, useState } from 'react';

const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'long' });

/** "just now", "25 seconds ago", "3 hours ago", "2 days ago": Intl's words, in the user's locale. */
export function ago(ms: number, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 10) return 'just now';
  if (s < 60) return rtf.format(-s, 'second');
  const m = Math.round(s / 60);
  if (m < 60) return rtf.format(-m, 'minute');
  const h = Math.round(m / 60);
  if (h < 48) return rtf.format(-h, 'hour');
  return rtf.format(-Math.round(h / 24), 'day');
}

/** A time shown in words that keeps itself fresh every `tickMs`; the exact time is in the tooltip. */
function LiveTime({ at, words, tickMs, titlePrefix = '' }: { at: number | string; words: (ms: number, now: number) => string; tickMs: number; titlePrefix?: string }) {
  const ms = typeof at === 'string' ? Date.parse(at) : at;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), tickMs);
    return () => clearInterval(t);
  }, [tickMs]);
  if (Number.isNaN(ms)) return <span>{String(at)}</span>;
  return (
    <time dateTime={new Date(ms).toISOString()} title={`${titlePrefix}${new Date(ms).toLocaleString(undefined, { timeZoneName: 'short' })}`}>
      {words(ms, now)}
    </time>
  );
}

/** A relative time ("3 hours ago") that keeps itself fresh. */
export function TimeAgo({ at }: { at: number | string }) {
  return <LiveTime at={at} words={ago} tickMs={5000} />;
}

const unit = (u: 'minute' | 'hour' | 'day') => new Intl.NumberFormat(undefined, { style: 'unit', unit: u, unitDisplay: 'long' });
const units = { minute: unit('minute'), hour: unit('hour'), day: unit('day') };

/** How long since `ms` as a duration ("5 minutes", "3 hours", "701 days"), for "waiting 3 hours". */
export function duration(ms: number, now = Date.now()): string {
  const m = Math.max(0, Math.round((now - ms) / 60_000));
  if (m < 1) return 'under a minute';
  if (m < 60) return units.minute.format(m);
  const h = Math.round(m / 60);
  if (h < 48) return units.hour.format(h);
  return units.day.format(Math.round(h / 24));
}

/** A duration up to now ("waiting 3 hours") that keeps itself fresh; the tooltip says since when. */
export function TimeSince({ at }: { at: number | string }) {
  return <LiveTime at={at} words={duration} tickMs={30_000} titlePrefix="since " />;
}
