import { useEffect, useMemo, useState } from 'react';
import type { InboxStats } from '#shared/ipc/inbox.contract.ts';
import { api } from '../../lib/api-client.ts';
import { formatCount, formatHourMinute, formatPrefs, useFormatPrefs } from '../../lib/format.ts';
import { verdictWords } from '../inbox/delivery-words.ts';
import { selectOrder } from '../inbox/inbox.selectors.ts';
import { useInbox } from '../inbox/inbox.store.ts';
import { inboxSummary } from './chart-words.ts';
import { UPlotChart, type ChartSeries } from './UPlotChart.tsx';

const SERIES: ChartSeries[] = [
  { label: 'Deliveries', token: '--accent', bars: true },
  { label: 'Failed', token: '--bad', bars: true },
];
/** Minutes roll over: the chart moves on even when nothing arrives. */
const REFRESH_MS = 30_000;

/** Inbox: deliveries and failures per minute over the last hour, and the verdict mix. */
export function InboxChart() {
  const newest = useInbox((s) => selectOrder(s)[0]);
  const [stats, setStats] = useState<InboxStats | null>(null);
  const [tick, setTick] = useState(0);
  useFormatPrefs();
  useEffect(() => {
    const t = setInterval(() => setTick((n) => n + 1), REFRESH_MS);
    return () => clearInterval(t);
  }, []);
  useEffect(() => {
    let live = true;
    // A burst of deliveries asks once, after it settles, not once per delivery.
    const t = setTimeout(() => {
      void api()
        .inbox.stats({})
        .then((r) => live && r.ok && setStats(r.data));
    }, 400);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [newest, tick]);
  const x = useMemo(() => stats?.buckets.map((b) => Date.parse(b.at)) ?? [], [stats]);
  const ys = useMemo(() => (stats ? [stats.buckets.map((b) => b.delivered), stats.buckets.map((b) => b.failed)] : []), [stats]);
  if (!stats) return null;
  const total = stats.verdicts.reduce((n, v) => n + v.count, 0);
  const busy = stats.buckets.filter((b) => b.delivered > 0);
  return (
    <section className="panel charts-row" aria-label="Deliveries at a glance">
      <UPlotChart
        title="Deliveries per minute, last hour"
        x={x}
        ys={ys}
        series={SERIES}
        xUnit="minute"
        summary={inboxSummary(stats, formatPrefs())}
        table={{ head: ['Minute', 'Deliveries', 'Failed'], rows: busy.map((b) => [formatHourMinute(b.at), formatCount(b.delivered), formatCount(b.failed)]) }}
      />
      <figure className="chart" aria-label="Verdict mix, last hour">
        <figcaption className="chart-title">Verdict mix, last hour</figcaption>
        {total === 0 ? (
          <p className="small muted">No deliveries in the last hour.</p>
        ) : (
          <ul className="verdict-mix">
            {stats.verdicts.map((v) => {
              const share = Math.round((v.count / total) * 100);
              return (
                <li key={v.verdict}>
                  <span>{verdictWords(v.verdict).label}</span>
                  <span className="mono">
                    {formatCount(v.count)} ({share}%)
                  </span>
                  <span className="mix-bar" aria-hidden="true">
                    <span className={v.verdict === 'verified' ? 'mix-ok' : 'mix-bad'} style={{ width: `${Math.max(share, 1)}%` }} />
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </figure>
    </section>
  );
}
