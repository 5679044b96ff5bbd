import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OmsHealthView } from '#shared/domain/oms-health.ts';
import { EventBridge } from '../../../../src-main/ipc/event-bridge.ts';
import { EventBus } from '../../../../src-main/lib/event-bus.ts';
import { OmsHealth } from '../../../../src-main/oms/oms-health.ts';

const attempt = (status: number | null, durationMs: number) => ({ method: 'GET', path: '/customers', status, durationMs, attempt: 1, idempotencyKey: null, requestId: null, errorCode: null });

// OMS health is published on every call; the event bridge alone decides how many pushes that makes.
describe('event bridge: OMS health coalesced in its own window', () => {
  afterEach(() => void vi.useRealTimers());

  it('a burst of health changes from real calls is one push carrying the latest, after 250 ms, not cut short by other events', () => {
    vi.useFakeTimers();
    const bus = new EventBus();
    const bridge = new EventBridge(bus, 40);
    const pushes: { name: string; payloads: readonly unknown[] }[] = [];
    bridge.addBatchSink((name, payloads) => pushes.push({ name, payloads }));
    const health = new OmsHealth('local', (v) => bus.publish('event.oms.healthChanged', v));
    for (let i = 0; i < 30; i++) health.attempt(attempt(200, 10 + i));
    health.attempt(attempt(503, 5));
    // Another coalesced event closes the shared 40 ms window meanwhile: health keeps waiting.
    bus.publish('event.wallets.changed', { customerId: 'cst_1', walletId: null, cause: 'deposit' });
    vi.advanceTimersByTime(40);
    expect(pushes.map((p) => p.name)).toEqual(['event.wallets.changed']);
    vi.advanceTimersByTime(209);
    expect(pushes.filter((p) => p.name === 'event.oms.healthChanged')).toEqual([]);
    vi.advanceTimersByTime(1);
    const healthPushes = pushes.filter((p) => p.name === 'event.oms.healthChanged');
    expect(healthPushes).toHaveLength(1);
    expect(healthPushes[0]!.payloads).toHaveLength(1);
    expect((healthPushes[0]!.payloads[0] as OmsHealthView).lastError?.status).toBe(503);
    expect(bridge.sent.get('event.oms.healthChanged')).toBe(1);
    // The next burst opens a new window.
    health.attempt(attempt(200, 7));
    health.attempt(attempt(200, 8));
    vi.advanceTimersByTime(250);
    expect(bridge.sent.get('event.oms.healthChanged')).toBe(2);
    bridge.close();
  });

  it('directory progress, reported once a page, reaches a renderer at most every 200 ms, the latest count in it', () => {
    vi.useFakeTimers();
    const bus = new EventBus();
    const bridge = new EventBridge(bus, 40);
    const got: { indexed: number }[] = [];
    bridge.addSink((name, payload) => name === 'event.customers.directoryChanged' && got.push(payload as { indexed: number }));
    const status = (indexed: number) => ({ state: 'building' as const, indexed, estimate: 1000, message: null, refreshedAt: null });
    for (let page = 1; page <= 10; page++) {
      bus.publish('event.customers.directoryChanged', status(page * 100));
      vi.advanceTimersByTime(19);
    }
    vi.advanceTimersByTime(10);
    expect(got.map((g) => g.indexed)).toEqual([1000]);
    bridge.close();
  });

  it('flush() sends a waiting health change at once (shutdown, tests)', () => {
    vi.useFakeTimers();
    const bus = new EventBus();
    const bridge = new EventBridge(bus, 40);
    const got: unknown[] = [];
    bridge.addSink((name, payload) => name === 'event.oms.healthChanged' && got.push(payload));
    new OmsHealth('local', (v) => bus.publish('event.oms.healthChanged', v)).attempt(attempt(200, 12));
    bridge.flush();
    expect(got).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    expect(got).toHaveLength(1);
    bridge.close();
  });
});
