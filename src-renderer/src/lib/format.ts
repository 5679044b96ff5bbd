import { useSyncExternalStore } from 'react';

/**
 * Every number, amount and time on screen goes through here, in the one locale chosen in Settings
 * (undefined: the OS's) and, for times, UTC or local time. Amounts stay decimal strings: Intl
 * formats a numeric *string* exactly (ECMA-402 "Intl.NumberFormat v3"), so 18-decimal token
 * amounts keep every digit and no float ever rounds a displayed value.
 */
export type FormatPrefs = { locale: string | undefined; utc: boolean };

let current: FormatPrefs = { locale: undefined, utc: false };
const listeners = new Set<() => void>();
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

/** Applies the Settings choice everywhere at once: every subscriber renders again. */
export function setFormatPrefs(p: { locale?: string | null | undefined; utc?: boolean | undefined }): void {
  current = { locale: p.locale ?? undefined, utc: p.utc ?? false };
  cache.clear();
  for (const l of listeners) l();
}

export const formatPrefs = (): FormatPrefs => current;

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
/** Renders the caller again when the locale or the UTC toggle changes. */
export const useFormatPrefs = (): FormatPrefs => useSyncExternalStore(subscribe, formatPrefs);

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) cache.set(key, (f = make()));
  return f;
}

/** The locale actually in use, resolved ("en-US" when following an en-US OS). */
export const resolvedLocale = (p: FormatPrefs = current): string => cached(`n|${p.locale}`, () => new Intl.NumberFormat(p.locale)).resolvedOptions().locale;

const DECIMAL = /^-?\d+(\.\d+)?$/;
const CRYPTO_DIGITS: Record<string, number> = { btc: 8, eth: 18, usdc: 6, usdt: 6 };
const FIAT = /^[A-Z]{3}$/;
type StringFormat = (value: `${number}`) => string;
const exact = (f: Intl.NumberFormat, amount: string) => (f.format as unknown as StringFormat)(amount as `${number}`);

/** `"1234.5"` + `usdc` → `1,234.50 USDC` (en-US) or `1.234,50 USDC` (de-DE). Anything not a decimal string is shown verbatim. */
export function formatAmount(amount: string | null | undefined, asset?: string | null, p: FormatPrefs = current): string {
  if (amount == null || amount === '') return '—';
  const code = (asset ?? '').toLowerCase();
  const unit = code ? ` ${code.toUpperCase()}` : '';
  if (!DECIMAL.test(amount)) return `${amount}${unit}`;
  const fraction = amount.split('.')[1]?.length ?? 0;
  const max = Math.min(Math.max(fraction, 2), CRYPTO_DIGITS[code] ?? 8);
  const f = cached(`a|${p.locale}|${max}`, () => new Intl.NumberFormat(p.locale, { minimumFractionDigits: 2, maximumFractionDigits: max }));
  return `${exact(f, amount)}${unit}`;
}

/** `"1234.5"` + `USD` → `$1,234.50`; an unknown currency code falls back to `1,234.50 XYZ`. */
export function formatFiat(amount: string | null | undefined, currency?: string | null, p: FormatPrefs = current): string {
  if (amount == null || amount === '') return '—';
  const code = (currency ?? 'USD').toUpperCase();
  if (!DECIMAL.test(amount)) return `${amount} ${code}`;
  if (!FIAT.test(code)) return formatAmount(amount, code, p);
  try {
    return exact(cached(`f|${p.locale}|${code}`, () => new Intl.NumberFormat(p.locale, { style: 'currency', currency: code })), amount);
  } catch {
    return formatAmount(amount, code, p);
  }
}

/** A count with the locale's grouping: 12,400 or 12.400. */
export const formatCount = (n: number, p: FormatPrefs = current): string => cached(`n|${p.locale}`, () => new Intl.NumberFormat(p.locale)).format(n);

/** A short count for a chart axis in the chosen locale: 60K, 1.2M. */
export const formatCompact = (n: number, p: FormatPrefs = current): string =>
  cached(`c|${p.locale}`, () => new Intl.NumberFormat(p.locale, { notation: 'compact', maximumFractionDigits: 1 })).format(n);

const zone = (p: FormatPrefs) => (p.utc ? 'UTC' : undefined);
const toMs = (at: string | number) => (typeof at === 'string' ? Date.parse(at) : at);

function dateTime(at: string | number | null | undefined, kind: 'dt' | 't' | 'd' | 'hm', p: FormatPrefs): string {
  if (at == null || at === '') return '—';
  const ms = toMs(at);
  if (Number.isNaN(ms)) return String(at);
  const opts: Record<typeof kind, Intl.DateTimeFormatOptions> = {
    dt: { dateStyle: 'medium', timeStyle: 'medium' },
    t: { timeStyle: 'medium' },
    d: { dateStyle: 'medium' },
    hm: { hour: '2-digit', minute: '2-digit' },
  };
  const f = cached(`${kind}|${p.locale}|${p.utc}`, () => new Intl.DateTimeFormat(p.locale, { ...opts[kind], timeZone: zone(p) }));
  const text = f.format(ms);
  // The zone is said once, after the time, so a UTC time can never be mistaken for a local one.
  return kind === 'd' || kind === 'hm' ? text : `${text} ${zoneName(ms, p)}`;
}

function zoneName(ms: number, p: FormatPrefs): string {
  if (p.utc) return 'UTC';
  const f = cached(`z|${p.locale}`, () => new Intl.DateTimeFormat(p.locale, { timeZoneName: 'short' }));
  return f.formatToParts(ms).find((x) => x.type === 'timeZoneName')?.value ?? '';
}

/** Date and time with the zone: "7 Dec 2026, 14:35:09 UTC". */
export const formatDateTime = (at: string | number | null | undefined, p: FormatPrefs = current) => dateTime(at, 'dt', p);
/** Time of day with the zone: "14:35:09 UTC". */
export const formatTime = (at: string | number | null | undefined, p: FormatPrefs = current) => dateTime(at, 't', p);
/** The date alone, in the chosen zone (a day's bucket in a chart). */
export const formatDate = (at: string | number | null | undefined, p: FormatPrefs = current) => dateTime(at, 'd', p);
/** Hours and minutes, no zone (chart axes, where the zone is said once in the caption). */
export const formatHourMinute = (at: string | number | null | undefined, p: FormatPrefs = current) => dateTime(at, 'hm', p);

/** "just now", "25 seconds ago", "3 hours ago": Intl's words in the chosen locale. */
export function formatAgo(ms: number, now = Date.now(), p: FormatPrefs = current): string {
  const rtf = cached(`r|${p.locale}`, () => new Intl.RelativeTimeFormat(p.locale, { numeric: 'auto', style: 'long' }));
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 10) return 'just now';
  if (s < 60) return rtf.format(-s, 'second');
  const m = Math.round(s / 60);
  if (m < 60) return rtf.format(-m, 'minute');
  const h = Math.round(m / 60);
  if (h < 48) return rtf.format(-h, 'hour');
  return rtf.format(-Math.round(h / 24), 'day');
}

const unit = (u: 'minute' | 'hour' | 'day', p: FormatPrefs) => cached(`u|${p.locale}|${u}`, () => new Intl.NumberFormat(p.locale, { style: 'unit', unit: u, unitDisplay: 'long' }));

/** How long since `ms` ("5 minutes", "3 hours", "701 days"), for "waiting 3 hours". */
export function formatDuration(ms: number, now = Date.now(), p: FormatPrefs = current): string {
  const m = Math.max(0, Math.round((now - ms) / 60_000));
  if (m < 1) return 'under a minute';
  if (m < 60) return unit('minute', p).format(m);
  const h = Math.round(m / 60);
  if (h < 48) return unit('hour', p).format(h);
  return unit('day', p).format(Math.round(h / 24));
}
