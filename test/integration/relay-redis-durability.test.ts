// The Redis engine's 200 means "survives a Redis crash" only on a Redis that fsyncs its AOF before it
// replies: the relay reads that from Redis at start, refuses otherwise, and the claim is checked here
// with kill -9 of a real redis-server.
import { afterEach, describe, expect, it } from 'vitest';
import { createRelayRedisClient } from '../../src-relay/redis-connection.ts';
import { recheckPersistence } from '../../src-relay/redis-durability.ts';
import { RedisRelayStore } from '../../src-relay/redis-relay-store.ts';
import { startRelay } from '../../src-relay/relay-server.ts';
import type { RedisPersistenceMode, RedisServer } from '../unit/relay/support/relay-harness.ts';
import { commitStats, numberedSenders, startRedis, subscribe } from '../unit/relay/support/relay-harness.ts';
import type { RelayProcess } from '../unit/relay/support/relay-process.ts';
import { runRelayCli, startRelayProcess } from '../unit/relay/support/relay-process.ts';

let redis: RedisServer | null = null;
let relay: RelayProcess | null = null;
afterEach(async () => {
  await relay?.kill('SIGKILL');
  await redis?.stop();
  relay = null;
  redis = null;
});

const flagsFor = (r: RedisServer) => ['--engine', 'redis', '--redis-url', r.url, '--redis-prefix', 'durable', '--rate', '100000', '--burst', '100000'];

async function redisWith(mode: RedisPersistenceMode): Promise<RedisServer> {
  redis = await startRedis(mode);
  return redis;
}

describe('relay on a Redis that could lose acknowledged deliveries', () => {
  it.each([
    ['off', 'Redis runs with appendonly no'],
    ['everysec', 'Redis runs with appendfsync everysec'],
  ] as const)('refuses to start on AOF %s: exit 2, one sentence naming the setting', async (mode, problem) => {
    const r = await redisWith(mode);
    const run = runRelayCli(['serve', '--port', '0', ...flagsFor(r)]);
    expect(run.status).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`relay: refusing to start: ${problem}`);
    expect(lines[0]).toContain('appendonly yes" and "appendfsync always"');
    expect(lines[0]).toContain('--allow-volatile-redis');
    expect(run.stdout).not.toContain('listening');
  });

  it('starts when told to (flag or environment), warns, and says so on /healthz', async () => {
    const r = await redisWith('off');
    for (const [args, env] of [[['--allow-volatile-redis'], {}], [[], { RELAY_ALLOW_VOLATILE_REDIS: 'true' }]] as const) {
      relay = await startRelayProcess([...flagsFor(r), ...args], env);
      expect(relay.logs()).toContain('WARNING: Redis runs with appendonly no');
      expect(relay.logs()).toContain('"msg":"acknowledged deliveries are not crash-safe"');
      const health = await fetch(`${relay.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', engine: 'redis', durable: false, warning: expect.stringContaining('appendonly no') });
      await relay.kill('SIGTERM');
    }
  });
});

describe('relay on Redis reconfigured while it runs', () => {
  it('says so on /healthz and in the log within a sweep, and again once Redis is fixed', async () => {
    const r = await redisWith('always');
    const store = await RedisRelayStore.connect({ url: r.url, prefix: 'recheck', maxPerChannel: 100 });
    const logs: string[] = [];
    const running = await startRelay({ store, pruneEveryMs: 100, recheckDurability: () => recheckPersistence(() => store.persistence()), log: (level, msg) => logs.push(`${level} ${msg}`) });
    const admin = createRelayRedisClient(r.url);
    await admin.connect();
    const health = async () => (await (await fetch(`${running.url}/healthz`)).json()) as { durable: boolean; warning?: string };
    const until = async (durable: boolean) => {
      for (let i = 0; i < 100 && (await health()).durable !== durable; i += 1) await new Promise((res) => setTimeout(res, 50));
      return health();
    };
    try {
      expect((await health()).durable).toBe(true);
      await admin.configSet('appendfsync', 'everysec');
      expect(await until(false)).toMatchObject({ durable: false, warning: expect.stringContaining('appendfsync everysec') });
      expect(logs).toContain('error acknowledged deliveries are not crash-safe');
      await admin.configSet('appendfsync', 'always');
      expect((await until(true)).durable).toBe(true);
      expect(logs).toContain('notice acknowledged deliveries are crash-safe again');
    } finally {
      await admin.close();
      await running.close();
      await store.close();
    }
  });
});

describe('relay on Redis with appendonly yes and appendfsync always', () => {
  it('keeps every acknowledged delivery and every token through kill -9 of redis-server during ingest', async () => {
    const r = await redisWith('always');
    const minted = runRelayCli(['token', 'mint', '--channel', 'team', '--name', 'alice', ...flagsFor(r).slice(0, 6)]);
    expect(minted.status, minted.stderr).toBe(0);
    const token = minted.stdout.trim();
    relay = await startRelayProcess([...flagsFor(r), '--log-level', 'error']);
    expect(await (await fetch(`${relay.url}/healthz`)).json()).toMatchObject({ status: 'ok', durable: true });

    const senders = numberedSenders(relay.url, 'team', 64);
    await senders.ackedAtLeast(500);
    const batched = await commitStats(relay.url);
    expect(batched.appends).toBeGreaterThan(batched.commits); // scripts carried several deliveries each
    await senders.ackedAtLeast(batched.appends + 100);
    const crashing = r.crash();
    await senders.stop();
    await crashing;
    const { acked } = senders;
    // Ingests sent while Redis was down were refused or cut (none if the senders stopped first): never more acks than sends.
    expect(senders.sent()).toBeGreaterThanOrEqual(acked.length);

    await r.restart();
    for (let i = 0; i < 100 && (await fetch(`${relay.url}/healthz`)).status !== 200; i += 1) await new Promise((res) => setTimeout(res, 100));
    const sub = await subscribe(relay.url, 'team', token);
    expect(sub.status).toBe(200); // the token survived too
    await sub.waitFor((e) => e.some((x) => x.event === 'caught-up'), 20_000, 'caught-up');
    const seen = sub.deliveries().map((d) => (JSON.parse(d.body.toString()) as { n: number }).n);
    sub.close();
    expect(new Set(seen).size).toBe(seen.length);
    expect(acked.filter((i) => !seen.includes(i))).toEqual([]);
  }, 120_000);
});
