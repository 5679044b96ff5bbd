// The WebSocket transport: same token, cursors and events as SSE, one JSON message per event.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { RedisServer } from '../unit/relay/support/relay-harness.ts';
import { ENGINES, ingest, startRedis } from '../unit/relay/support/relay-harness.ts';
import type { RelayFixture } from '../unit/relay/support/relay-fixture.ts';
import { relayFixture } from '../unit/relay/support/relay-fixture.ts';

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

type Msg = { type: string; cursor?: string; count?: number; headers?: Record<string, string>; bodyBase64?: string };

function connect(base: string, channel: string, token: string, headers: Record<string, string> = {}) {
  const ws = new WebSocket(`${base.replace('http', 'ws')}/channels/${channel}/ws`, { headers: { authorization: `Bearer ${token}`, ...headers } });
  const messages: Msg[] = [];
  ws.on('message', (m) => messages.push(JSON.parse(m.toString()) as Msg));
  const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
  const refused = new Promise<number>((r) => ws.on('unexpected-response', (_req, res) => r(res.statusCode ?? 0)));
  const until = async (pred: (m: Msg[]) => boolean, what: string) => {
    const end = Date.now() + 10_000;
    while (!pred(messages)) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; have ${messages.length}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return { ws, messages, closed, refused, until };
}

describe.each(ENGINES)('relay WebSocket transport (%s)', (engine) => {
  it('streams the backlog byte-exact, then caught-up, then live; resumes after a cursor', async () => {
    fx = await relayFixture(engine, redis);
    const token = await fx.mint('team', 'alice');
    const bodies = ['{\n  "name": "Ünïcödé ✓"\n}', '{"n":2}', '{"n":3}'];
    for (const b of bodies.slice(0, 2)) expect(await ingest(fx.base, 'team', b, { 'webhook-id': 'msg_x' })).toBe(200);
    const c = connect(fx.base, 'team', token);
    await c.until((m) => m.some((x) => x.type === 'caught-up'), 'caught-up');
    expect(await ingest(fx.base, 'team', bodies[2]!)).toBe(200);
    await c.until((m) => m.filter((x) => x.type === 'delivery').length === 3, '3 deliveries');
    expect(c.messages.map((m) => m.type)).toEqual(['delivery', 'delivery', 'caught-up', 'delivery']);
    const got = c.messages.filter((m) => m.type === 'delivery');
    expect(got.map((m) => Buffer.from(m.bodyBase64!, 'base64').toString())).toEqual(bodies);
    expect(got[0]!.headers!['webhook-id']).toBe('msg_x');
    c.ws.close();
    await c.closed;

    const again = connect(fx.base, 'team', token, { 'last-event-id': got[0]!.cursor! });
    await again.until((m) => m.some((x) => x.type === 'caught-up'), 'caught-up');
    expect(again.messages.find((m) => m.type === 'caught-up')!.count).toBe(2);
    again.ws.close();
  });

  it('refuses the upgrade without a valid token for the channel, and closes on revocation', async () => {
    fx = await relayFixture(engine, redis);
    const token = await fx.mint('team', 'alice');
    const other = await fx.mint('other', 'bob');
    expect(await connect(fx.base, 'team', 'rly_nope').refused).toBe(401);
    expect(await connect(fx.base, 'team', other).refused).toBe(403);
    const c = connect(fx.base, 'team', token);
    await c.until((m) => m.some((x) => x.type === 'caught-up'), 'caught-up');
    const rec = (await fx.store.listTokens()).find((t) => t.name === 'alice')!;
    await fx.store.revokeTokens({ id: rec.id }, Date.now());
    expect(await c.closed).toBe(1000);
    expect(c.messages.at(-1)!.type).toBe('revoked');
  });

  it('counts WebSocket streams against the same per-token limit and frees the slot when one closes', async () => {
    fx = await relayFixture(engine, redis, { limits: { maxStreamsPerToken: 2 } });
    const token = await fx.mint('team', 'alice');
    const opened = Array.from({ length: 20 }, () => connect(fx!.base, 'team', token));
    const outcome = await Promise.all(opened.map((c) => Promise.race([c.refused, new Promise<number>((r) => c.ws.once('open', () => r(101)))])));
    expect(outcome.filter((s) => s === 101)).toHaveLength(2);
    expect(outcome.filter((s) => s === 429)).toHaveLength(18);
    const first = opened[outcome.indexOf(101)]!;
    first.ws.close();
    await first.closed;
    let next = connect(fx.base, 'team', token);
    for (let i = 0; i < 50; i += 1) {
      const status = await Promise.race([next.refused, new Promise<number>((r) => next.ws.once('open', () => r(101)))]);
      if (status === 101) break;
      await new Promise((r) => setTimeout(r, 50));
      next = connect(fx.base, 'team', token);
    }
    expect(next.ws.readyState).toBe(WebSocket.OPEN);
    for (const c of [...opened, next]) if (c.ws.readyState === WebSocket.OPEN) c.ws.close();
  });
});
