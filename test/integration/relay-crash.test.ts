// SIGKILL the relay process while deliveries are in flight: every one it acknowledged is there
// after a restart, once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine, RedisServer } from '../unit/relay/support/relay-harness.ts';
import { ENGINES, startRedis, subscribe, tempDir } from '../unit/relay/support/relay-harness.ts';
import { runRelayCli, startRelayProcess } from '../unit/relay/support/relay-process.ts';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

async function post(base: string, i: number): Promise<number> {
  try {
    const res = await fetch(`${base}/hooks/team`, { method: 'POST', headers: { 'content-type': 'application/json', 'webhook-id': `msg_${i}` }, body: JSON.stringify({ id: `evt_${i}`, n: i }) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0; // the connection died with the process: not acknowledged
  }
}

describe.each(ENGINES)('relay killed with SIGKILL mid-ingest (%s)', (engine: Engine) => {
  it('keeps every delivery that got a 2xx, and delivers each once after restart', async () => {
    const tmp = tempDir('relay-crash-');
    const storeArgs = engine === 'sqlite' ? ['--data-dir', tmp.dir] : ['--engine', 'redis', '--redis-url', redis.url, '--redis-prefix', `crash${process.pid}`];
    const minted = runRelayCli(['token', 'mint', '--channel', 'team', '--name', 'alice', ...storeArgs]);
    expect(minted.status, minted.stderr).toBe(0);
    const token = minted.stdout.trim();
    const flags = [...storeArgs, '--rate', '100000', '--burst', '100000', '--log-level', 'error'];

    const first = await startRelayProcess(flags);
    const acked: number[] = [];
    let next = 0;
    let killed = false;
    const worker = async () => {
      while (!killed) {
        const i = next++;
        if ((await post(first.url, i)) === 200) acked.push(i);
      }
    };
    const workers = Array.from({ length: 16 }, worker);
    while (acked.length < 300) await new Promise((r) => setTimeout(r, 5));
    await first.kill('SIGKILL');
    killed = true;
    await Promise.all(workers);
    expect(next).toBeGreaterThan(acked.length); // some requests really were in flight

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
