// Two relay instances sharing one private redis-server, as behind a load balancer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisRelayStore } from '../../src-relay/redis-relay-store.ts';
import { startRelay } from '../../src-relay/relay-server.ts';
import type { RunningRelay } from '../../src-relay/relay-server.ts';
import { mintToken } from '../../src-relay/relay-tokens.ts';
import type { RedisServer } from '../unit/relay/support/relay-harness.ts';
import { countDeliveries, ingest, startRedis, subscribe } from '../unit/relay/support/relay-harness.ts';

let redis: RedisServer;
const stores: RedisRelayStore[] = [];
const relays: RunningRelay[] = [];

beforeAll(async () => {
  redis = await startRedis();
  for (let i = 0; i < 2; i += 1) {
    const store = await RedisRelayStore.connect({ url: redis.url, prefix: 'cluster', maxPerChannel: 100_000 });
    stores.push(store);
    relays.push(await startRelay({ store, ratePerSec: 100_000, rateBurst: 100_000, revokeCheckMs: 100 }));
  }
});
afterAll(async () => {
  for (const r of relays) await r.close();
  for (const s of stores) await s.close();
  await redis?.stop();
});

const body = (i: number) => JSON.stringify({ id: `evt_${i}`, n: i });

describe('two relay instances on Redis Streams', () => {
  it('delivers what one instance ingested to a subscriber connected to the other, with the same cursors', async () => {
    const [a, b] = relays as [RunningRelay, RunningRelay];
    const { token } = await mintToken(stores[0]!, 'team', 'alice');
    const onB = await subscribe(b.url, 'team', token);
    const onA = await subscribe(a.url, 'team', token);
    await onB.waitFor((e) => e.some((x) => x.event === 'caught-up'));
    for (let i = 0; i < 20; i += 1) expect(await ingest(i % 2 ? b.url : a.url, 'team', body(i))).toBe(200);
    await onB.waitFor(countDeliveries(20), 10_000, '20 deliveries on instance B');
    await onA.waitFor(countDeliveries(20), 10_000, '20 deliveries on instance A');
    expect(onB.deliveries().map((d) => JSON.parse(d.body.toString()).n)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(onB.deliveries().map((d) => d.cursor)).toEqual(onA.deliveries().map((d) => d.cursor));
    const resumeAt = onB.deliveries()[9]!.cursor;
    onA.close();
    onB.close();

    // A console that moves from one instance to the other resumes with the same cursor.
    const moved = await subscribe(a.url, 'team', token, { lastEventId: resumeAt });
    await moved.waitFor((e) => e.some((x) => x.event === 'caught-up'));
    expect(moved.deliveries().map((d) => JSON.parse(d.body.toString()).n)).toEqual(Array.from({ length: 10 }, (_, i) => i + 10));
    moved.close();
  });

  it('cuts a stream on instance B when the token is revoked through instance A', async () => {
    const [, b] = relays as [RunningRelay, RunningRelay];
    const { token, record } = await mintToken(stores[0]!, 'team', 'bob');
    const sub = await subscribe(b.url, 'team', token);
    await sub.waitFor((e) => e.some((x) => x.event === 'caught-up'));
    await stores[0]!.revokeTokens({ id: record.id }, Date.now());
    await sub.waitFor((e) => e.some((x) => x.event === 'revoked'), 5000, 'revoked');
    await sub.ended;
    expect(b.subscribers().some((s) => s.tokenId === record.id)).toBe(false);
  });
});
