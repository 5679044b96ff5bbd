import { describe, expect, it } from 'vitest';
import { contract } from '#shared/ipc/registry.ts';
import { createElectronOmsApi } from '../../../src-preload/api.ts';

/** FakeIpcRenderer: a named stand-in for Electron's ipcRenderer (no Electron runtime here). */
class FakeIpcRenderer {
  invoked: [string, unknown][] = [];
  listeners = new Map<string, (e: unknown, m: { name: string; payload: unknown }) => void>();
  async invoke(channel: string, input: unknown) {
    this.invoked.push([channel, input]);
    return { ok: true, data: channel };
  }
  on(channel: string, listener: (e: unknown, m: { name: string; payload: unknown }) => void) {
    this.listeners.set(channel, listener);
  }
}

describe('preload window.oms', () => {
  it('exposes exactly the registry, one function per operation, plus events.on', () => {
    const api = createElectronOmsApi(new FakeIpcRenderer() as never) as unknown as Record<string, Record<string, unknown>>;
    const shape = Object.fromEntries(Object.entries(api).map(([d, ops]) => [d, Object.keys(ops).sort()]));
    const expected = Object.fromEntries(Object.entries(contract).map(([d, ops]) => [d, Object.keys(ops).sort()]));
    // `events` holds only the subscription: no domain shares its name any more (the inbox is `inbox`).
    expect(shape).toEqual({ ...expected, events: ['on'] });
    expect(expected.inbox?.length).toBeGreaterThan(0);
    expect('events' in contract).toBe(false);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('reaches the webhook inbox through window.oms.inbox', async () => {
    const ipc = new FakeIpcRenderer();
    const api = createElectronOmsApi(ipc as never);
    expect(await api.inbox.list({ limit: 5 })).toEqual({ ok: true, data: 'inbox.list' });
    expect(ipc.invoked).toEqual([['inbox.list', { limit: 5 }]]);
  });

  it('sends each call on its own channel and fans events out until unsubscribed', async () => {
    const ipc = new FakeIpcRenderer();
    const api = createElectronOmsApi(ipc as never);
    expect(await api.customers.get({ customerId: 'cst_1' })).toEqual({ ok: true, data: 'customers.get' });
    expect(ipc.invoked).toEqual([['customers.get', { customerId: 'cst_1' }]]);
    const seen: number[] = [];
    const off = api.events.on('event.app.heartbeat', (p) => seen.push(p.seq));
    const deliver = ipc.listeners.get('oms:event')!;
    deliver(null, { name: 'event.app.heartbeat', payload: { seq: 1 } });
    off();
    deliver(null, { name: 'event.app.heartbeat', payload: { seq: 2 } });
    expect(seen).toEqual([1]);
  });
});
