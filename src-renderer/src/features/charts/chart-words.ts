import type { InboxStats } from '#shared/ipc/inbox.contract.ts';
import { formatCount, formatHourMinute, type FormatPrefs } from '../../lib/format.ts';

const plural = (n: number, one: string, many: string, p: FormatPrefs) => `${formatCount(n, p)} ${n === 1 ? one : many}`;

/** "Last hour: 412 deliveries, 3 failed; busiest minute 14:02 with 31." — the chart in one sentence. */
export function inboxSummary(s: InboxStats, p: FormatPrefs): string {
  const delivered = s.buckets.reduce((n, b) => n + b.delivered, 0);
  const failed = s.buckets.reduce((n, b) => n + b.failed, 0);
  if (delivered === 0) return 'Last hour: no deliveries.';
  const busiest = s.buckets.reduce((a, b) => (b.delivered > a.delivered ? b : a));
  const zone = p.utc ? ' UTC' : '';
  return `Last hour: ${plural(delivered, 'delivery', 'deliveries', p)}, ${formatCount(failed, p)} failed; busiest minute ${formatHourMinute(busiest.at, p)}${zone} with ${formatCount(busiest.delivered, p)}.`;
}
