import { lazy, Suspense, useMemo, type ComponentProps, type ComponentType } from 'react';
import type { ChartSeries, UPlotChart as Chart } from '../charts/UPlotChart.tsx';
import { latencySummary } from './latency-words.ts';
import { selectLatencySamples, useOmsHealth } from './oms-health.store.ts';

// The charting library is its own chunk, fetched once there are two readings to draw: the first
// screen neither waits for it nor compiles it. A chunk that cannot be fetched leaves the spark out
// (the status beside it still says the latency) rather than failing the shell it sits in.
const UPlotChart = lazy<ComponentType<ComponentProps<typeof Chart>>>(() =>
  import('../charts/UPlotChart.tsx').then(
    (m) => ({ default: m.UPlotChart }),
    () => ({ default: () => null }),
  ),
);

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
