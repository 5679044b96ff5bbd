// Relay → subscriber over real HTTP, for both engines (SQLite file; a private redis-server).
import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RedisServer } from '../unit/relay/support/relay-harness.ts';
import { countDeliveries, ENGINES, ingest, startRedis, subscribe } from '../unit/relay/support/relay-harness.ts';
import type { RelayFixture } from '../unit/relay/support/relay-fixture.ts';
import { relayFixture } from '../unit/relay/support/relay-fixture.ts';

const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
let redis: RedisServer;
let fx: RelayFixture | null = null;

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});
afterEach(async () => {
  await fx?.close();
  fx = null;
});

const event = (i: number) => Buffer.from(JSON.stringify({ id: `evt_${i}`, object: 'event', type: 'customer.updated', data: { object: { id: `cst_${i}` } } }));

describe.each(ENGINES)('relay delivery (%s)', (engine) => {
  const setup = async (opts = {}) => (fx = await relayFixture(engine, redis, opts));

  it('hands a signed delivery to the subscriber byte for byte, so the signature still verifies', async () => {
    const { base, mint } = await setup();
    const token = await mint('team', 'alice');
    const sub = await subscribe(base, 'team', token);
    const bodies = [
      Buffer.from('{\n  "id": "evt_pretty",\n  "name": "José Müller — 東京",\r\n  "amount": "100.00"   \n}\n'),
      Buffer.from(JSON.stringify({ id: 'evt_compact', note: 'zoë 😀', data: { object: { id: 'cst_1' } } })),
    ];
    const wh = new Webhook(SECRET);
    const sent = bodies.map((body, i) => {
      const id = `msg_${i}`;
      const ts = new Date();
      return { body, headers: { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(ts.getTime() / 1000)), 'webhook-signature': wh.sign(id, ts, body.toString()) } };
    });
    for (const s of sent) {
      expect(await ingest(base, 'team', s.body, { ...s.headers, 'svix-id': 'also-kept', cookie: 'c=1', 'x-forwarded-for': '10.0.0.1' })).toBe(200);
    }
    await sub.waitFor(countDeliveries(2));
    const got = sub.deliveries();
    const key = Buffer.from(SECRET.slice('whsec_'.length), 'base64');
    const mac = (h: Record<string, string>, body: Buffer) =>
      createHmac('sha256', key).update(`${h['webhook-id']}.${h['webhook-timestamp']}.`).update(body).digest('base64');
    got.forEach((d, i) => {
      expect(d.body.equals(sent[i]!.body)).toBe(true);
      expect(d.headers).toEqual({ ...sent[i]!.headers, 'svix-id': 'also-kept', 'content-type': 'application/json' });
      expect(() => wh.verify(d.body.toString(), d.headers)).not.toThrow();
      expect(`v1,${mac(d.headers, d.body)}`).toBe(sent[i]!.headers['webhook-signature']);
    });
    sub.close();
  });

  it('catches a subscriber up after 500 missed deliveries: all of them, once, in arrival order, then live', async () => {
    const { base, mint, store } = await setup();
    const token = await mint('team', 'alice');
    const first = await subscribe(base, 'team', token);
    for (let i = 0; i < 10; i += 1) expect(await ingest(base, 'team', event(i))).toBe(200);
    await first.waitFor(countDeliveries(10));
    const cursor = first.lastId()!;
    first.close();
    await first.ended;

    for (let i = 10; i < 510; i += 1) expect(await ingest(base, 'team', event(i))).toBe(200);
    const again = await subscribe(base, 'team', token, { lastEventId: cursor });
    await again.waitFor((e) => e.some((x) => x.event === 'caught-up'), 20_000, 'caught-up');
    const caught = again.events.find((e) => e.event === 'caught-up')!;
    expect(JSON.parse(caught.data).count).toBe(500);
    expect(await ingest(base, 'team', event(510))).toBe(200);
    await again.waitFor(countDeliveries(501));

    const ids = again.deliveries().map((d) => (JSON.parse(d.body.toString()) as { id: string }).id);
    expect(ids).toEqual(Array.from({ length: 501 }, (_, k) => `evt_${k + 10}`));
    const cursors = again.deliveries().map((d) => d.cursor);
    for (let k = 1; k < cursors.length; k += 1) expect(store.compareCursors(cursors[k - 1]!, cursors[k]!)).toBe(-1);
    expect(store.compareCursors(cursor, cursors[0]!)).toBe(-1);
    again.close();
  });

  it('fans every delivery out to 10 subscribers on one channel', async () => {
    const { base, mint } = await setup();
    const subs = [];
    for (let i = 0; i < 10; i += 1) subs.push(await subscribe(base, 'team', await mint('team', `agent${i}`)));
    const statuses = await Promise.all(Array.from({ length: 100 }, (_, i) => ingest(base, 'team', event(i))));
    expect(statuses.every((s) => s === 200)).toBe(true);
    await Promise.all(subs.map((s) => s.waitFor(countDeliveries(100))));
    const reference = subs[0]!.deliveries().map((d) => d.cursor);
    expect(new Set(reference).size).toBe(100);
    for (const s of subs) {
      expect(s.deliveries().map((d) => d.cursor)).toEqual(reference);
      s.close();
    }
  });

  it('cuts off an open stream when its token is revoked, and refuses it afterwards', async () => {
    const { base, mint, store } = await setup();
    const token = await mint('team', 'alice');
    const keep = await subscribe(base, 'team', await mint('team', 'bob'));
    const sub = await subscribe(base, 'team', token);
    await sub.waitFor((e) => e.some((x) => x.event === 'caught-up'));
    const rec = (await store.listTokens()).find((t) => t.name === 'alice')!;
    expect(await store.revokeTokens({ id: rec.id }, Date.now())).toBe(1);
    await sub.waitFor((e) => e.some((x) => x.event === 'revoked'), 5000, 'revoked');
    await sub.ended;
    expect(await ingest(base, 'team', event(1))).toBe(200);
    await keep.waitFor(countDeliveries(1));
    expect(sub.deliveries()).toHaveLength(0);
    const res = await fetch(`${base}/channels/team/events`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(401);
    expect((await res.json()).error).toBe('revoked_token');
    keep.close();
  });

  it("gives a token nothing of another channel's deliveries", async () => {
    const { base, mint } = await setup();
    const tokenA = await mint('alpha', 'alice');
    const tokenB = await mint('beta', 'bob');
    const wrong = await fetch(`${base}/channels/alpha/events`, { headers: { authorization: `Bearer ${tokenB}` } });
    expect(wrong.status).toBe(403);
    const subB = await subscribe(base, 'beta', tokenB);
    const subA = await subscribe(base, 'alpha', tokenA);
    for (let i = 0; i < 5; i += 1) expect(await ingest(base, 'alpha', event(i))).toBe(200);
    expect(await ingest(base, 'beta', event(99))).toBe(200);
    await subA.waitFor(countDeliveries(5));
    await subB.waitFor(countDeliveries(1));
    expect(subB.deliveries().map((d) => JSON.parse(d.body.toString()).id)).toEqual(['evt_99']);
    subA.close();
    subB.close();
  });

  it('limits how many streams one token may hold open', async () => {
    const { base, mint, relay } = await setup({ limits: { maxStreamsPerToken: 2 } });
    const token = await mint('team', 'alice');
    const a = await subscribe(base, 'team', token);
    const b = await subscribe(base, 'team', token);
    const third = await fetch(`${base}/channels/team/events`, { headers: { authorization: `Bearer ${token}` } });
    expect(third.status).toBe(429);
    expect((await third.json()).error).toBe('too_many_streams');
    a.close();
    await a.ended;
    for (let i = 0; i < 250 && relay.subscribers().length > 1; i += 1) await new Promise((r) => setTimeout(r, 20));
    const again = await subscribe(base, 'team', token);
    expect(again.status).toBe(200);
    again.close();
    b.close();
  });

  it('admits no more than 8 streams per token when 200 open at once, and frees the slots when they close', async () => {
    const { base, mint, relay } = await setup();
    const token = await mint('team', 'alice');
    const aborts = Array.from({ length: 200 }, () => new AbortController());
    const opens = await Promise.all(
      aborts.map(async (ac) => {
        const res = await fetch(`${base}/channels/team/events`, { headers: { authorization: `Bearer ${token}` }, signal: ac.signal });
        if (res.status !== 200) await res.arrayBuffer();
        return res.status;
      }),
    );
    expect(opens.filter((s) => s === 200)).toHaveLength(8);
    expect(opens.filter((s) => s === 429)).toHaveLength(192);
    for (const ac of aborts) ac.abort();
    for (let i = 0; i < 250 && relay.subscribers().length > 0; i += 1) await new Promise((r) => setTimeout(r, 20));
    const again = await subscribe(base, 'team', token);
    expect(again.status).toBe(200);
    again.close();
  });

  it('answers 503 (never 410) when it cannot store, and healthz says so', async () => {
    const { base, mint, store } = await setup();
    await mint('team', 'alice');
    expect(await ingest(base, 'team', event(1))).toBe(200);
    await store.close();
    const status = await ingest(base, 'team', event(2));
    expect(status).toBe(503);
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(503);
    expect((await health.json()).status).toBe('unavailable');
  });
});
