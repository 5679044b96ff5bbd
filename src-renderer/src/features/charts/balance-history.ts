import type { TransactionView } from '#shared/domain/transaction.ts';
import { sumDecimals } from '../../lib/money.ts';

export type BalancePoint = { at: number; balance: string };

const DECIMAL = /^\d+(\.\d+)?$/;
const negate = (v: string) => (v.startsWith('-') ? v.slice(1) : `-${v}`);
const when = (t: TransactionView) => Date.parse(t.completedAt ?? t.updatedAt ?? t.createdAt ?? '');

/** What a completed transaction did to this wallet: what arrived (net) less what left (gross). */
function change(t: TransactionView, walletId: string): string[] {
  const parts: string[] = [];
  const inflow = t.destination.amountNet ?? t.destination.amountGross;
  if (t.destination.walletId === walletId && inflow && DECIMAL.test(inflow)) parts.push(inflow);
  if (t.source.walletId === walletId && t.source.amountGross && DECIMAL.test(t.source.amountGross)) parts.push(negate(t.source.amountGross));
  return parts;
}

/**
 * A wallet's balance after each of its completed transactions, oldest first, ending with the
 * balance now: walked back from today's balance, so it agrees with OMS at the end. Decimal
 * strings throughout; only the chart turns them into numbers.
 */
export function balanceHistory(walletId: string, balance: string, txns: readonly TransactionView[], now: number): BalancePoint[] {
  const touching = txns
    .filter((t) => t.status === 'completed' && !Number.isNaN(when(t)) && change(t, walletId).length > 0)
    .sort((a, b) => when(b) - when(a));
  const points: BalancePoint[] = [{ at: Math.max(now, touching[0] ? when(touching[0]) : now), balance }];
  let after = balance;
  for (const t of touching) {
    points.push({ at: when(t), balance: after });
    after = sumDecimals([after, ...change(t, walletId).map(negate)]);
  }
  if (touching.length) points.push({ at: when(touching.at(-1)!) - 1, balance: after });
  return points.reverse();
}
