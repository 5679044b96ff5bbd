import { describe, expect, it } from 'vitest';
import type { InboxEntry } from '#shared/ipc/inbox.contract.ts';
import { EventBridge } from '../../../../src-main/ipc/event-bridge.ts';
import { EventBus } from '../../../../src-main/lib/event-bus.ts';

const entry = (seq: number): InboxEntry => ({
  seq, eventId: `evt_${seq}`, type: 'customer.updated', customerId: 'cst_1', verdict: 'verified', reason: 'ok', applied: true, duplicate: false,
  source: 'listener', receivedAt: new Date(0).toISOString(),
}) as InboxEntry;

describe('event bridge: webhook deliveries gathered per window', () => {
  it('a batch sink gets one call per window with every delivery in order; a plain sink still gets each one', async () => {
    const bus = new EventBus();
    const bridge = new EventBridge(bus, 10);
    const batches: { name: string; payloads: readonly unknown[] }[] = [];
    const singles: { name: string; payload: unknown }[] = [];
    bridge.addBatchSink((name, payloads) => batches.push({ name, payloads }));
    bridge.addSink((name, payload) => singles.push({ name, payload }));
    for (let seq = 1; seq <= 500; seq++) bus.publish('event.webhooks.received', entry(seq));
    // Not per delivery: nothing is pushed until the window closes.
    expect(batches).toEqual([]);
    await new Promise((r) => setTimeout(r, 30));
    const received = batches.filter((b) => b.name === 'event.webhooks.received');
    expect(received).toHaveLength(1);
    expect(received[0]!.payloads.map((p) => (p as InboxEntry).seq)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    expect(singles.map((s) => (s.payload as InboxEntry).seq)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    expect(bridge.sent.get('event.webhooks.received')).toBe(501); // 1 batch frame + 500 plain ones
    bridge.close();
  });

  it('other events keep their rules: un-coalesced ones go at once, coalesced ones keep the latest per key', () => {
    const bus = new EventBus();
    const bridge = new EventBridge(bus, 10_000);
    const batches: { name: string; payloads: readonly unknown[] }[] = [];
    bridge.addBatchSink((name, payloads) => batches.push({ name, payloads }));
    bus.publish('event.app.heartbeat', { seq: 1, at: 'now', uptimeSec: 1 });
    expect(batches).toEqual([{ name: 'event.app.heartbeat', payloads: [{ seq: 1, at: 'now', uptimeSec: 1 }] }]);
    bus.publish('event.wallets.changed', { customerId: 'cst_1', walletId: null, cause: 'a' });
    bus.publish('event.wallets.changed', { customerId: 'cst_1', walletId: null, cause: 'b' });
    bus.publish('event.webhooks.received', entry(1));
    bridge.flush();
    expect(batches.slice(1)).toEqual([
      { name: 'event.wallets.changed', payloads: [{ customerId: 'cst_1', walletId: null, cause: 'b' }] },
      { name: 'event.webhooks.received', payloads: [entry(1)] },
    ]);
    bridge.close();
  });

  it('coalesced events of one name go as one push per window: the latest per key, in first-seen order', () => {
    const bus = new EventBus();
    const bridge = new EventBridge(bus, 10_000);
    const batches: { name: string; payloads: readonly unknown[] }[] = [];
    const singles: unknown[] = [];
    bridge.addBatchSink((name, payloads) => batches.push({ name, payloads }));
    bridge.addSink((_name, payload) => singles.push(payload));
    for (let i = 0; i < 300; i++) bus.publish('event.wallets.changed', { customerId: `cst_${i % 100}`, walletId: `wlt_${i % 100}`, cause: `c${i}` });
    bridge.flush();
    expect(batches).toHaveLength(1);
    const payloads = batches[0]!.payloads as { walletId: string; cause: string }[];
    expect(payloads.map((p) => p.walletId)).toEqual(Array.from({ length: 100 }, (_, i) => `wlt_${i}`));
    expect(payloads.map((p) => p.cause)).toEqual(Array.from({ length: 100 }, (_, i) => `c${i + 200}`));
    expect(singles).toHaveLength(100);
    bridge.close();
  });
});
