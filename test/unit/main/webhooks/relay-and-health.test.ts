import { describe, expect, it } from 'vitest';
import { OpenCustomers, startWatchdog } from '../../../../src-main/webhooks/listener-health.ts';
import { deliveryFromMessage } from '../../../../src-main/webhooks/smee-client.ts';

describe('smee message → delivery', () => {
  it('takes lower-cased top-level headers and re-serialises the parsed body', () => {
    const d = deliveryFromMessage(JSON.stringify({ 'Webhook-Id': 'evt_1', 'webhook-timestamp': 1700000000, body: { id: 'evt_1', n: 1 }, query: {}, timestamp: 5 }))!;
    expect(d.headers).toMatchObject({ 'webhook-id': 'evt_1', 'webhook-timestamp': '1700000000', 'content-type': 'application/json' });
    expect(d.headers).not.toHaveProperty('query');
    expect(d.rawBody.toString()).toBe('{"id":"evt_1","n":1}');
  });

  it('prefers a byte-exact rawBody and a nested headers object when a relay offers them', () => {
    const d = deliveryFromMessage(JSON.stringify({ headers: { 'webhook-id': 'evt_2' }, rawBody: '{ "id" : "evt_2" }' }))!;
    expect(d.headers['webhook-id']).toBe('evt_2');
    expect(d.rawBody.toString()).toBe('{ "id" : "evt_2" }');
  });

  it('ignores what is not JSON', () => {
    expect(deliveryFromMessage('not json')).toBeNull();
  });
});

describe('watchdog and open customers', () => {
  it('a timer gap (the machine slept) triggers a wake', async () => {
    let now = 0;
    const wakes: number[] = [];
    const w = startWatchdog({ tickMs: 5, sleepGapMs: 1000, now: () => now, onWake: (ms) => wakes.push(ms), onNetworkChange: () => {} });
    await new Promise((r) => setTimeout(r, 30));
    expect(wakes).toEqual([]);
    now += 60_000;
    await new Promise((r) => setTimeout(r, 30));
    w.stop();
    expect(wakes).toHaveLength(1);
    expect(wakes[0]).toBeGreaterThanOrEqual(60_000);
  });

  it('open customers are bounded, most recent kept, and expire', () => {
    const o = new OpenCustomers(2, 1000);
    o.touch('cst_a', 0);
    o.touch('cst_b', 10);
    o.touch('cst_a', 20);
    o.touch('cst_c', 30);
    expect(o.list(40)).toEqual(['cst_a', 'cst_c']);
    expect(o.list(1025)).toEqual(['cst_c']);
  });
});
