import { formatCount, formatTime } from '../../lib/format.ts';
import type { LatencySample } from './oms-health.store.ts';

/** "OMS latency, last 12 readings since 14:02:10: median 41 ms, highest 190 ms, now 38 ms." */
export function latencySummary(samples: readonly LatencySample[]): string {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  const ms = (n: number) => `${formatCount(n)} ms`;
  return `OMS latency, last ${samples.length} readings since ${formatTime(samples[0]!.at)}: median ${ms(median)}, highest ${ms(sorted.at(-1)!)}, now ${ms(samples.at(-1)!.ms)}.`;
}
