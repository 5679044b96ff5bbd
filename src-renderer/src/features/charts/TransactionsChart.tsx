import { useMemo } from 'react';
import { formatAmount, formatCount, formatDate, useFormatPrefs } from '../../lib/format.ts';
import { plotNumber } from '../../lib/money.ts';
import { selectTxnList, selectTxnsById, useTransactions } from '../transactions/transactions.store.ts';
import { dailyVolume, leadingAssets, type DayVolume } from './daily-volume.ts';
import { UPlotChart, type ChartSeries } from './UPlotChart.tsx';

const TOKENS = ['--accent', '--ok', '--warn'];

const volumeWords = (d: DayVolume) =>
  Object.entries(d.totals)
    .map(([code, total]) => formatAmount(total, code || null))
    .join(', ');

/** Transactions: the daily volume of the transactions listed (the current filters), per asset. */
export function TransactionsChart() {
  const ids = useTransactions(selectTxnList);
  const byId = useTransactions(selectTxnsById);
  const prefs = useFormatPrefs();
  const days = useMemo(() => dailyVolume(ids.map((id) => byId[id]!).filter(Boolean), prefs), [ids, byId, prefs]);
  const assets = useMemo(() => leadingAssets(days, TOKENS.length), [days]);
  const series = useMemo<ChartSeries[]>(() => assets.map((code, i) => ({ label: code || 'Amount', token: TOKENS[i]!, bars: assets.length === 1 })), [assets]);
  const x = useMemo(() => days.map((d) => d.day), [days]);
  const ys = useMemo(() => assets.map((code) => days.map((d) => (d.totals[code] ? plotNumber(d.totals[code]) : null))), [assets, days]);
  if (days.length === 0) return null;
  const count = days.reduce((n, d) => n + d.count, 0);
  const busiest = days.reduce((a, b) => (b.count > a.count ? b : a));
  const summary =
    `Daily volume of the ${formatCount(count)} transactions listed, over ${formatCount(days.length)} ${days.length === 1 ? 'day' : 'days'}` +
    `; busiest ${formatDate(busiest.day)} with ${formatCount(busiest.count)} (${volumeWords(busiest)}).`;
  return (
    <section className="panel" aria-label="Transactions at a glance">
      <UPlotChart
        title={`Daily volume${prefs.utc ? ' (UTC days)' : ''}`}
        x={x}
        ys={ys}
        series={series}
        xUnit="day"
        height={130}
        summary={summary}
        table={{ head: ['Day', 'Transactions', 'Volume'], rows: days.map((d) => [formatDate(d.day), formatCount(d.count), volumeWords(d)]) }}
      />
    </section>
  );
}
