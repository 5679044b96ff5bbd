import { useMemo } from 'react';
import { UPlotChart, type ChartSeries } from '../charts/UPlotChart.tsx';
import { latencySummary } from './latency-words.ts';
import { selectLatencySamples, useOmsHealth } from './oms-health.store.ts';

const SERIES: ChartSeries[] = [{ label: 'Latency (ms)', token: '--side-ink' }];

/** The OMS status's latency over this session, as a sparkline under it. */
export function LatencySpark() {
  const samples = useOmsHealth(selectLatencySamples);
  const x = useMemo(() => samples.map((s) => s.at), [samples]);
  const ys = useMemo(() => [samples.map((s) => s.ms)], [samples]);
  if (samples.length < 2) return null;
  return (
    <div className="latency-spark">
      <UPlotChart title="OMS latency" x={x} ys={ys} series={SERIES} xUnit="minute" height={28} spark summary={latencySummary(samples)} />
    </div>
  );
}
