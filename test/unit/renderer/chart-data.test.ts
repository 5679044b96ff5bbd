import { describe, expect, it } from 'vitest';
import type { TransactionView } from '#shared/domain/transaction.ts';
import { inboxSummary } from '../../../src-renderer/src/features/charts/chart-words.ts';
import { setFormatPrefs } from '../../../src-renderer/src/lib/format.ts';
import { latencySummary } from '../../../src-renderer/src/features/oms-health/latency-words.ts';
import { balanceHistory } from '../../../src-renderer/src/features/charts/balance-history.ts';
import { dailyVolume, dayStart, leadingAssets } from '../../../src-renderer/src/features/charts/daily-volume.ts';

const leg = (amount: string | null, asset: string) => ({ asset, network: 'polygon', amountGross: amount, amountNet: null, fees: null, txHash: null, walletId: null, address: null, externalAccountId: null });
const txn = (id: string, createdAt: string | null, amount: string | null, asset = 'usdc'): TransactionView => ({
  id, type: 'cryptoToCrypto', status: 'completed', subStatus: null, role: null, source: leg(amount, asset), destination: leg(amount, asset),
  sender: null, recipient: null, quoteId: null, cashInId: null, error: null, createdAt, completedAt: null, updatedAt: null,
});

describe('daily volume of the listed transactions', () => {
  it('sums each UTC day per asset exactly, oldest day first, skipping what has no time or amount', () => {
    const days = dailyVolume(
      [
        txn('t1', '2026-12-07T23:59:59Z', '0.1'),
        txn('t2', '2026-12-07T00:00:00Z', '0.2'),
        txn('t3', '2026-12-06T12:00:00Z', '9007199254740993.000000000000000001', 'eth'),
        txn('t4', '2026-12-06T13:00:00Z', '1', 'eth'),
        txn('t5', null, '5'),
        txn('t6', '2026-12-05T10:00:00Z', null),
      ],
      { utc: true },
    );
    expect(days).toEqual([
      { day: Date.parse('2026-12-06T00:00:00Z'), count: 2, totals: { ETH: '9007199254740994.000000000000000001' } },
      { day: Date.parse('2026-12-07T00:00:00Z'), count: 2, totals: { USDC: '0.3' } },
    ]);
    expect(leadingAssets(days, 3)).toEqual(['ETH', 'USDC']);
  });

  it('local days follow the machine zone, UTC days do not', () => {
    const ms = Date.parse('2026-12-07T23:30:00Z');
    expect(dayStart(ms, true)).toBe(Date.parse('2026-12-07T00:00:00Z'));
    const local = new Date(ms);
    expect(dayStart(ms, false)).toBe(new Date(local.getFullYear(), local.getMonth(), local.getDate()).getTime());
  });
});

describe('the inbox chart in one sentence', () => {
  const bucket = (at: string, delivered: number, failed: number) => ({ at, delivered, failed });
  it('says totals, failures and the busiest minute, with UTC named when times are in UTC', () => {
    const stats = { from: '', to: '', verdicts: [], buckets: [bucket('2026-12-07T14:01:00.000Z', 381, 1), bucket('2026-12-07T14:02:00.000Z', 1031, 2)] };
    expect(inboxSummary(stats, { locale: 'en-GB', utc: true })).toBe('Last hour: 1,412 deliveries, 3 failed; busiest minute 14:02 UTC with 1,031.');
    expect(inboxSummary(stats, { locale: 'de-DE', utc: true })).toBe('Last hour: 1.412 deliveries, 3 failed; busiest minute 14:02 UTC with 1.031.');
    expect(inboxSummary({ ...stats, buckets: [bucket('2026-12-07T14:01:00.000Z', 1, 0)] }, { locale: 'en-GB', utc: true })).toBe('Last hour: 1 delivery, 0 failed; busiest minute 14:01 UTC with 1.');
    expect(inboxSummary({ ...stats, buckets: [] }, { locale: 'en-GB', utc: true })).toBe('Last hour: no deliveries.');
  });
});

describe('a wallet balance over time, walked back from today', () => {
  const move = (id: string, at: string, from: string | null, to: string | null, amount: string, status = 'completed'): TransactionView => {
    const t = txn(id, at, amount);
    return { ...t, status, completedAt: at, source: { ...t.source, walletId: from }, destination: { ...t.destination, walletId: to, amountNet: amount } };
  };
  it('undoes each completed transaction exactly, oldest first, ending at the balance OMS gives now', () => {
    const now = Date.parse('2026-12-07T12:00:00Z');
    const points = balanceHistory(
      'wlt_a',
      '100.3',
      [
        move('t1', '2026-12-01T10:00:00Z', null, 'wlt_a', '100.1'),
        move('t2', '2026-12-03T10:00:00Z', 'wlt_a', null, '0.1'),
        move('t3', '2026-12-05T10:00:00Z', null, 'wlt_a', '0.3'),
        move('t4', '2026-12-06T10:00:00Z', null, 'wlt_a', '50', 'processing'),
        move('t5', '2026-12-06T11:00:00Z', 'wlt_b', null, '7'),
      ],
      now,
    );
    expect(points.map((p) => p.balance)).toEqual(['0.0', '100.1', '100.0', '100.3', '100.3']);
    expect(points.map((p) => p.at)).toEqual([Date.parse('2026-12-01T10:00:00Z') - 1, Date.parse('2026-12-01T10:00:00Z'), Date.parse('2026-12-03T10:00:00Z'), Date.parse('2026-12-05T10:00:00Z'), now]);
  });

  it('a wallet no transaction touched has no history to draw', () => {
    expect(balanceHistory('wlt_a', '5', [], 0)).toEqual([{ at: 0, balance: '5' }]);
  });
});

describe('the OMS latency sparkline in one sentence', () => {
  it('names how many readings since when, the median, the highest and the latest', () => {
    setFormatPrefs({ locale: 'en-GB', utc: true });
    try {
      const at = Date.parse('2026-12-07T14:02:10Z');
      const samples = [40, 190, 41, 38].map((ms, i) => ({ at: at + i * 5000, ms }));
      expect(latencySummary(samples)).toBe('OMS latency, last 4 readings since 14:02:10 UTC: median 40 ms, highest 190 ms, now 38 ms.');
    } finally {
      setFormatPrefs({ locale: null, utc: false });
    }
  });
});
