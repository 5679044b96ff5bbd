// SIGKILL the relay process while deliveries are in flight: every one it acknowledged is there
// after a restart, once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine, RedisServer } from '../unit/relay/support/relay-harness.ts';
import { commitStats, ENGINES, numberedSenders, startRedis, subscribe, tempDir } from '../unit/relay/support/relay-harness.ts';
import { runRelayCli, startRelayProcess } from '../unit/relay/support/relay-process.ts';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

describe.each(ENGINES)('relay killed with SIGKILL mid-ingest (%s)', (engine: Engine) => {
  it('keeps every delivery that got a 2xx, and delivers each once after restart', async () => {
    const tmp = tempDir('relay-crash-');
    const storeArgs = engine === 'sqlite' ? ['--data-dir', tmp.dir] : ['--engine', 'redis', '--redis-url', redis.url, '--redis-prefix', `crash${process.pid}`];
    const minted = runRelayCli(['token', 'mint', '--channel', 'team', '--name', 'alice', ...storeArgs]);
    expect(minted.status, minted.stderr).toBe(0);
    const token = minted.stdout.trim();
    const flags = [...storeArgs, '--rate', '100000', '--burst', '100000', '--log-level', 'error'];

    const first = await startRelayProcess(flags);
    // 64 senders: many ingests wait on each commit, so the kill lands on batches in flight.
    const senders = numberedSenders(first.url, 'team', 64);
    await senders.ackedAtLeast(300);
    const batched = await commitStats(first.url);
    expect(batched.appends).toBeGreaterThan(batched.commits); // commits were shared by several ingests
    await senders.ackedAtLeast(batched.appends + 100);
    const killing = first.kill('SIGKILL');
    await senders.stop();
    await killing;
    const { acked } = senders;
    expect(senders.sent()).toBeGreaterThan(acked.length); // some requests really were in flight

    const second = await startRelayProcess(flags);
    try {
      const sub = await subscribe(second.url, 'team', token);
      await sub.waitFor((e) => e.some((x) => x.event === 'caught-up'), 20_000, 'caught-up');
      const seen = sub.deliveries().map((d) => (JSON.parse(d.body.toString()) as { n: number }).n);
      sub.close();
      expect(new Set(seen).size).toBe(seen.length);
      const missing = acked.filter((i) => !seen.includes(i));
      expect(missing).toEqual([]);
    } finally {
      await second.kill('SIGTERM');
      tmp.remove();
    }
  });
});
