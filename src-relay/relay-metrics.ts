// Counters kept by this instance and the text a Prometheus scrape reads. Labels are only ever the
// HTTP status or a channel that exists: names posted by strangers never become series.

// Seconds; store appends are one fsync (SQLite, or Redis with appendfsync always) to a few.
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export class RelayMetrics {
  private readonly ingests = new Map<string, number>();
  private storedBytes = 0;
  private readonly latency = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 };

  /** One answered (or abandoned) POST /hooks/…, by its status code. */
  countIngest(code: string): void {
    this.ingests.set(code, (this.ingests.get(code) ?? 0) + 1);
  }

  /** One store append, successful or not, and the body bytes it kept. */
  observeAppend(seconds: number, storedBytes: number): void {
    this.storedBytes += storedBytes;
    this.latency.sum += seconds;
    this.latency.count += 1;
    BUCKETS.forEach((b, i) => {
      if (seconds <= b) this.latency.counts[i]! += 1;
    });
  }

  render(live: { inflightBytes: number; durable: boolean; commits: { commits: number; appends: number }; channels: { channel: string; stored: number; subscribers: number; maxLag: number }[] }): string {
    const out: string[] = [];
    const family = (name: string, type: string, help: string, samples: [string, number][]) => {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      for (const [labels, value] of samples) out.push(`${name}${labels} ${value}`);
    };
    const label = (k: string, v: string) => `{${k}="${v.replace(/["\\\n]/g, '_')}"}`;
    family('relay_ingests_total', 'counter', 'POST /hooks requests by HTTP status (aborted: the sender left before an answer).',
      [...this.ingests].sort().map(([code, n]) => [label('code', code), n]));
    family('relay_ingest_stored_bytes_total', 'counter', 'Body bytes stored.', [['', this.storedBytes]]);
    out.push('# HELP relay_store_append_seconds Time the store took to make one delivery durable.', '# TYPE relay_store_append_seconds histogram');
    BUCKETS.forEach((b, i) => out.push(`relay_store_append_seconds_bucket{le="${b}"} ${this.latency.counts[i]}`));
    out.push(`relay_store_append_seconds_bucket{le="+Inf"} ${this.latency.count}`, `relay_store_append_seconds_sum ${this.latency.sum}`, `relay_store_append_seconds_count ${this.latency.count}`);
    family('relay_store_commits_total', 'counter', 'Durable commits (one fsync each); appends arriving during a commit share the next one.', [['', live.commits.commits]]);
    family('relay_store_committed_appends_total', 'counter', 'Deliveries those commits carried.', [['', live.commits.appends]]);
    family('relay_ingest_inflight_bytes', 'gauge', 'Body bytes being received or stored now.', [['', live.inflightBytes]]);
    family('relay_durable', 'gauge', '1 when an acknowledged delivery survives a crash of the store, 0 when started with --allow-volatile-redis on a Redis that could lose it.', [['', live.durable ? 1 : 0]]);
    family('relay_channel_stored_deliveries', 'gauge', 'Deliveries retained per channel.', live.channels.map((c) => [label('channel', c.channel), c.stored]));
    family('relay_channel_subscribers', 'gauge', 'Open streams per channel on this instance.', live.channels.map((c) => [label('channel', c.channel), c.subscribers]));
    family('relay_channel_max_lag_deliveries', 'gauge', 'Deliveries stored after the slowest subscriber on this instance, counted up to 1000.', live.channels.map((c) => [label('channel', c.channel), c.maxLag]));
    return `${out.join('\n')}\n`;
  }
}
