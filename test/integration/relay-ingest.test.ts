// Ingest limits, cursor edge cases, retention and the size cap, stats and logs, for both engines.
import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RedisServer } from '../unit/relay/support/relay-harness.ts';
import { countDeliveries, ENGINES, ingest, startRedis, subscribe } from '../unit/relay/support/relay-harness.ts';
import type { RelayFixture } from '../unit/relay/support/relay-fixture.ts';
import { relayFixture } from '../unit/relay/support/relay-fixture.ts';
import { startRelay } from '../../src-relay/relay-server.ts';

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

function rawPost(base: string, path: string, headers: Record<string, string>, chunks: string[], end = true): Promise<number> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'POST', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    for (const c of chunks) req.write(c);
    if (end) req.end();
  });
}

const caughtUp = (e: { event: string }[]) => e.some((x) => x.event === 'caught-up');

describe.each(ENGINES)('relay ingest and cursors (%s)', (engine) => {
  it('refuses bad requests with specific errors, never 410, and stores none of them', async () => {
    const logs: string[] = [];
    fx = await relayFixture(engine, redis, {
      allowedHosts: ['relay.example.com', '127.0.0.1'],
      limits: { maxBodyBytes: 1024, bodyTimeoutMs: 300 }, log: (level, msg, f) => logs.push(JSON.stringify({ level, msg, ...f })),
    });
    const { base, mint, store } = fx;
    await mint('team', 'alice');
    const statuses: number[] = [];
    const tooBig = 'x'.repeat(2000);
    statuses.push(await rawPost(base, '/hooks/team', { 'content-length': '2000' }, [tooBig]));
    expect(statuses.at(-1)).toBe(413);
    statuses.push(await rawPost(base, '/hooks/team', { 'transfer-encoding': 'chunked' }, ['x'.repeat(600), 'y'.repeat(600)]));
    expect(statuses.at(-1)).toBe(413);
    statuses.push(await rawPost(base, '/hooks/team', { 'content-length': '50' }, ['{"partial":'], false));
    expect(statuses.at(-1)).toBe(408);
    statuses.push(await rawPost(base, '/hooks/team', { host: 'evil.example.net' }, ['{}']));
    expect(statuses.at(-1)).toBe(421);
    statuses.push(await ingest(base, 'nobody', '{}'));
    expect(statuses.at(-1)).toBe(404);
    const get = await fetch(`${base}/hooks/team`);
    expect(get.status).toBe(405);
    expect((await get.json()).error).toBe('method_not_allowed');
    expect(statuses).not.toContain(410);
    expect((await store.channelState('team'))!.stored).toBe(0);
    expect(logs.some((l) => l.includes('"status":413'))).toBe(true);
  });

  it('answers 400 to a request target that is not a path (GET //[), without an error in the log, on HTTP and on upgrade', async () => {
    const logs: string[] = [];
    fx = await relayFixture(engine, redis, { log: (level, msg) => logs.push(`${level} ${msg}`) });
    const raw = (extra: string) =>
      new Promise<string>((resolve, reject) => {
        const sock = connect(fx!.relay.port, '127.0.0.1', () => sock.write(`GET //[ HTTP/1.1\r\nHost: 127.0.0.1\r\n${extra}Connection: close\r\n\r\n`));
        let text = '';
        sock.on('data', (c: Buffer) => (text += c.toString()));
        sock.on('end', () => resolve(text));
        sock.on('error', reject);
      });
    const plain = await raw('');
    expect(plain.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(plain).toContain('"error":"bad_request"');
    const upgrade = await raw('Upgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n');
    expect(upgrade.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(logs.filter((l) => l.startsWith('error'))).toEqual([]);
  });

  it('sheds load with 503 (not by buffering without bound) when too many bytes are in flight', async () => {
    fx = await relayFixture(engine, redis, { limits: { maxInflightBytes: 1000, bodyTimeoutMs: 1500 } });
    const { base, mint, store } = fx;
    await mint('team', 'alice');
    const slow = rawPost(base, '/hooks/team', { 'content-length': '600' }, ['{"slow":'], false);
    await new Promise((r) => setTimeout(r, 100));
    expect(await rawPost(base, '/hooks/team', { 'content-length': '600' }, ['x'.repeat(600)])).toBe(503);
    expect(await slow).toBe(408);
    expect(await ingest(base, 'team', '{"after":true}')).toBe(200);
    expect((await store.channelState('team'))!.stored).toBe(1);
  });

  it('answers 429 with Retry-After once a channel is over its rate, without touching other channels', async () => {
    fx = await relayFixture(engine, redis, { ratePerSec: 1, rateBurst: 2 });
    const { base, mint, store } = fx;
    await mint('team', 'alice');
    await mint('other', 'bob');
    expect(await ingest(base, 'team', '{"n":1}')).toBe(200);
    expect(await ingest(base, 'team', '{"n":2}')).toBe(200);
    const limited = await fetch(`${base}/hooks/team`, { method: 'POST', body: '{"n":3}' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await ingest(base, 'other', '{"n":1}')).toBe(200);
    expect((await store.channelState('team'))!.stored).toBe(2);
  });

  it('rejects a malformed cursor, starts a from=latest subscriber at the end, and resets on a cursor from the future', async () => {
    fx = await relayFixture(engine, redis);
    const { base, mint } = fx;
    const token = await mint('team', 'alice');
    for (let i = 0; i < 3; i += 1) expect(await ingest(base, 'team', `{"n":${i}}`)).toBe(200);
    const bad = await fetch(`${base}/channels/team/events`, { headers: { authorization: `Bearer ${token}`, 'last-event-id': 'not a cursor' } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toBe('bad_cursor');

    const latest = await subscribe(base, 'team', token, { query: '?from=latest' });
    await latest.waitFor(caughtUp);
    expect(await ingest(base, 'team', '{"n":3}')).toBe(200);
    await latest.waitFor(countDeliveries(1));
    expect(latest.deliveries().map((d) => d.body.toString())).toEqual(['{"n":3}']);
    latest.close();

    const future = engine === 'sqlite' ? '999999' : `${Date.now() + 86_400_000}-0`;
    const ahead = await subscribe(base, 'team', token, { lastEventId: future });
    await ahead.waitFor(caughtUp);
    expect(ahead.events[0]!.event).toBe('reset');
    expect(ahead.deliveries()).toHaveLength(4);
    ahead.close();
  });

  it('resets a cursor from the future on a channel that has no deliveries yet, then sends the first live ones', async () => {
    fx = await relayFixture(engine, redis);
    const { base, mint } = fx;
    const token = await mint('team', 'alice');
    const future = engine === 'sqlite' ? '999999' : `${Date.now() + 86_400_000}-0`;
    const ahead = await subscribe(base, 'team', token, { lastEventId: future });
    await ahead.waitFor(caughtUp);
    expect(ahead.events[0]!.event).toBe('reset');
    expect(JSON.parse(ahead.events[0]!.data)).toMatchObject({ reason: 'cursor_ahead', cursor: future, lastCursor: null });
    for (let i = 0; i < 2; i += 1) expect(await ingest(base, 'team', `{"n":${i}}`)).toBe(200);
    await ahead.waitFor(countDeliveries(2));
    expect(ahead.deliveries().map((d) => d.body.toString())).toEqual(['{"n":0}', '{"n":1}']);
    ahead.close();
  });

  it('drops the oldest beyond the size cap and past retention, says so in stats and logs, and tells a late subscriber about the gap', async () => {
    const logs: string[] = [];
    fx = await relayFixture(engine, redis, { maxPerChannel: 5, retentionMs: 400, log: (level, msg, f) => logs.push(JSON.stringify({ level, msg, ...f })) });
    const { base, mint, store, relay } = fx;
    const token = await mint('team', 'alice');
    const early = await subscribe(base, 'team', token);
    for (let i = 0; i < 8; i += 1) expect(await ingest(base, 'team', `{"n":${i}}`)).toBe(200);
    await early.waitFor(countDeliveries(8));
    const firstCursor = early.deliveries()[0]!.cursor;
    early.close();
    let state = (await store.channelState('team'))!;
    expect(state.stored).toBe(5);
    expect(state.droppedBySizeCap).toBe(3);
    await relay.sweep();
    expect(logs.some((l) => l.includes('size cap dropped oldest deliveries') && l.includes('"dropped":3'))).toBe(true);

    const late = await subscribe(base, 'team', token, { lastEventId: firstCursor });
    await late.waitFor(caughtUp);
    expect(late.events[0]!.event).toBe('gap');
    expect(late.deliveries().map((d) => d.body.toString())).toEqual([3, 4, 5, 6, 7].map((n) => `{"n":${n}}`));
    late.close();

    await new Promise((r) => setTimeout(r, 500));
    expect(await ingest(base, 'team', '{"n":8}')).toBe(200);
    await relay.sweep();
    state = (await store.channelState('team'))!;
    expect(state.stored).toBe(1);
    // The ninth delivery pushed one more out by the cap; retention took the other four.
    expect(state.droppedBySizeCap).toBe(4);
    expect(state.droppedByAge).toBe(4);
    expect(logs.some((l) => l.includes('retention dropped deliveries'))).toBe(true);
  });

  it('serves per-channel stats to loopback or to the admin token only, and logs neither bodies nor tokens', async () => {
    const logs: string[] = [];
    fx = await relayFixture(engine, redis, { adminToken: 'admin-secret-for-test', log: (level, msg, f) => logs.push(JSON.stringify({ level, msg, ...f })) });
    const { base, mint } = fx;
    const token = await mint('team', 'alice');
    const sub = await subscribe(base, 'team', token);
    const marker = 'BODY-MARKER-7f3a';
    expect(await ingest(base, 'team', JSON.stringify({ marker }), { 'webhook-signature': 'v1,SIGNATURE-MARKER' })).toBe(200);
    await sub.waitFor(countDeliveries(1));
    expect((await fetch(`${base}/admin/stats`)).status).toBe(401);
    expect((await fetch(`${base}/admin/stats`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const stats = await fetch(`${base}/admin/stats`, { headers: { authorization: 'Bearer admin-secret-for-test' } });
    expect(stats.status).toBe(200);
    const ch = (await stats.json()).channels.find((c: { channel: string }) => c.channel === 'team');
    expect(ch).toMatchObject({ stored: 1, subscribers: 1, maxLagDeliveries: 0 });
    expect(ch.subscriberDetail[0].name).toBe('alice');
    expect((await (await fetch(`${base}/healthz`)).json()).status).toBe('ok');
    sub.close();
    await fx.relay.close();
    // Without an admin token: loopback only, and a request relayed by a proxy is not loopback.
    const open = await startRelay({ store: fx.store });
    try {
      expect((await fetch(`${open.url}/admin/stats`)).status).toBe(200);
      expect((await fetch(`${open.url}/admin/stats`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(403);
    } finally {
      await open.close();
    }
    const all = logs.join('\n');
    expect(all).toContain('ingested');
    for (const secret of [marker, token, 'SIGNATURE-MARKER', 'admin-secret-for-test']) expect(all).not.toContain(secret);
  });

  it('serves Prometheus metrics under the admin-token rule: ingests by status, bytes, store latency, subscribers and lag per channel', async () => {
    fx = await relayFixture(engine, redis, { adminToken: 'admin-secret-for-test', limits: { maxBodyBytes: 64 } });
    const { base, mint } = fx;
    const token = await mint('team', 'alice');
    const sub = await subscribe(base, 'team', token);
    const bodies = ['{"n":1}', '{"n":22}', '{"marker":"BODY-7f3a"}'];
    for (const b of bodies) expect(await ingest(base, 'team', b)).toBe(200);
    expect(await ingest(base, 'nope', '{}')).toBe(404);
    expect(await ingest(base, 'team', 'x'.repeat(65))).toBe(413);
    await sub.waitFor(countDeliveries(3));

    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const res = await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer admin-secret-for-test' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    for (const line of text.trimEnd().split('\n')) expect(line).toMatch(/^(# (HELP|TYPE) [a-z_]+ .+|[a-z_]+(\{[a-z]+="[^"]*"\})? -?[0-9.e+-]+)$/);
    const value = (series: string) => Number(new RegExp(`^${series.replace(/[{}+.]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1]);
    expect(value('relay_ingests_total{code="200"}')).toBe(3);
    expect(value('relay_ingests_total{code="404"}')).toBe(1);
    expect(value('relay_ingests_total{code="413"}')).toBe(1);
    expect(value('relay_ingest_stored_bytes_total')).toBe(bodies.reduce((n, b) => n + b.length, 0));
    expect(value('relay_store_append_seconds_count')).toBe(3);
    expect(value('relay_store_append_seconds_bucket{le="+Inf"}')).toBe(3);
    expect(value('relay_store_append_seconds_sum')).toBeGreaterThan(0);
    expect(value('relay_channel_stored_deliveries{channel="team"}')).toBe(3);
    expect(value('relay_channel_subscribers{channel="team"}')).toBe(1);
    expect(value('relay_channel_max_lag_deliveries{channel="team"}')).toBe(0);
    expect(value('relay_durable')).toBe(1);
    expect(text).not.toContain('nope'); // a name nobody created never becomes a series
    for (const secret of ['BODY-7f3a', token, 'admin-secret-for-test']) expect(text).not.toContain(secret);
    sub.close();
    // A scraper addresses the instance, not the public name the Host check guards.
    const named = await startRelay({ store: fx.store, allowedHosts: ['relay.example'], adminToken: 'admin-secret-for-test' });
    try {
      const auth = { authorization: 'Bearer admin-secret-for-test' };
      expect((await fetch(`${named.url}/hooks/team`, { method: 'POST', body: '{}' })).status).toBe(421);
      expect((await fetch(`${named.url}/metrics`, { headers: auth })).status).toBe(200);
      expect((await fetch(`${named.url}/admin/stats`, { headers: auth })).status).toBe(200);
      expect((await fetch(`${named.url}/metrics`)).status).toBe(401);
    } finally {
      await named.close();
    }
  });
});
