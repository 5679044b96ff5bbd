import { describe, expect, it } from 'vitest';
import { CANCEL_CHANNEL } from '#shared/ipc/build-api.ts';
import { contract } from '#shared/ipc/registry.ts';
import { createElectronOmsApi } from '../../../src-preload/api.ts';
import { FakeIpcRenderer } from './electron-ipc-fakes.ts';

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

  it('a message gathering several events of one kind reaches each listener once per event, in order', () => {
    const ipc = new FakeIpcRenderer();
    const api = createElectronOmsApi(ipc as never);
    const seen: number[] = [];
    api.events.on('event.app.heartbeat', (p) => seen.push(p.seq));
    ipc.listeners.get('oms:event')!(null, { name: 'event.app.heartbeat', payloads: [{ seq: 3 }, { seq: 4 }, { seq: 5 }] });
    expect(seen).toEqual([3, 4, 5]);
  });

  it('a call that may be abandoned carries an id; abandoning it sends the id to main and answers at once', async () => {
    const ipc = new FakeIpcRenderer();
    ipc.hold = true;
    const api = createElectronOmsApi(ipc as never);
    let abort: () => void = () => {};
    const call = api.customers.search({ q: 'ma' }, { onAbort: (stop) => (abort = stop) });
    const other = api.customers.search({ q: 'mar' }, { onAbort: () => {} });
    expect(ipc.invoked).toEqual([
      ['customers.search', { q: 'ma' }, 1],
      ['customers.search', { q: 'mar' }, 2],
    ]);
    abort();
    // Settled without main's answer (still held): the caller is not kept waiting for a stale query.
    expect(await call).toMatchObject({ ok: false, error: { code: 'TIMEOUT', details: { cancelled: true } } });
    expect(ipc.sent).toEqual([[CANCEL_CHANNEL, 1]]);
    ipc.release();
    expect(await other).toEqual({ ok: true, data: 'customers.search' });
    // Aborting after the answer came sends nothing.
    abort();
    expect(ipc.sent).toEqual([[CANCEL_CHANNEL, 1]]);
  });

  it('a plain call carries no id, and an options object without a function is a plain call', async () => {
    const ipc = new FakeIpcRenderer();
    const api = createElectronOmsApi(ipc as never);
    await api.app.info({});
    // What contextBridge makes of an AbortSignal: a plain copy with no methods.
    await api.app.info({}, { onAbort: {} as never });
    expect(ipc.invoked).toEqual([
      ['app.info', {}],
      ['app.info', {}],
    ]);
  });
});
