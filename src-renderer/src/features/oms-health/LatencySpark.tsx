import { lazy, Suspense, useMemo } from 'react';
import type { ChartSeries } from '../charts/UPlotChart.tsx';
import { latencySummary } from './latency-words.ts';
import { selectLatencySamples, useOmsHealth } from './oms-health.store.ts';

// The charting library is its own chunk: the spark shows only from a second reading on, well after
// the first screen, which then need not fetch and compile it.
const UPlotChart = lazy(() => import('../charts/UPlotChart.tsx').then((m) => ({ default: m.UPlotChart })));

const SERIES: ChartSeries[] = [{ label: 'Latency (ms)', token: '--side-ink' }];

/** The OMS status's latency over this session, as a sparkline under it. */
export function LatencySpark() {
  const samples = useOmsHealth(selectLatencySamples);
  const x = useMemo(() => samples.map((s) => s.at), [samples]);
  const ys = useMemo(() => [samples.map((s) => s.ms)], [samples]);
  if (samples.length < 2) return null;
  return (
    <div className="latency-spark">
      <Suspense fallback={null}>
        <UPlotChart title="OMS latency" x={x} ys={ys} series={SERIES} xUnit="minute" height={28} spark summary={latencySummary(samples)} />
      </Suspense>
    </div>
  );
}
