import type { TransactionView } from '#shared/domain/transaction.ts';
import type { FormatPrefs } from '../../lib/format.ts';
import { sumDecimals } from '../../lib/money.ts';
import { shownAmount } from '../transactions/money-words.ts';

export type DayVolume = { day: number; count: number; totals: Record<string, string> };

const DECIMAL = /^\d+(\.\d+)?$/;

/** Midnight of the day `ms` falls on, in UTC or in local time as the Settings toggle says. */
export function dayStart(ms: number, utc: boolean): number {
  const d = new Date(ms);
  return utc ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) : new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/**
 * Daily volume of the transactions the screen holds, per asset: totals are exact decimal sums
 * (strings), oldest day first. A transaction with no time or no readable amount is left out.
 */
export function dailyVolume(txns: readonly TransactionView[], p: Pick<FormatPrefs, 'utc'>): DayVolume[] {
  const days = new Map<number, { count: number; amounts: Map<string, string[]> }>();
  for (const t of txns) {
    const ms = t.createdAt ? Date.parse(t.createdAt) : NaN;
    const { amount, asset } = shownAmount(t);
    if (Number.isNaN(ms) || !amount || !DECIMAL.test(amount)) continue;
    const key = dayStart(ms, p.utc);
    const d = days.get(key) ?? { count: 0, amounts: new Map<string, string[]>() };
    d.count += 1;
    const code = (asset ?? '').toUpperCase();
    d.amounts.set(code, [...(d.amounts.get(code) ?? []), amount]);
    days.set(key, d);
  }
  return [...days.entries()]
    .sort(([a], [b]) => a - b)
    .map(([day, d]) => ({ day, count: d.count, totals: Object.fromEntries([...d.amounts].map(([code, list]) => [code, sumDecimals(list)])) }));
}

/** The assets by how many days carry them, most first: the chart draws the leading few. */
export function leadingAssets(days: readonly DayVolume[], max: number): string[] {
  const seen = new Map<string, number>();
  for (const d of days) for (const code of Object.keys(d.totals)) seen.set(code, (seen.get(code) ?? 0) + 1);
  return [...seen.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, max).map(([code]) => code);
}
