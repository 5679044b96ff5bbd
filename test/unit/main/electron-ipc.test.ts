import { describe, expect, it } from 'vitest';
import { channels } from '#shared/ipc/registry.ts';
import { CANCEL_CHANNEL } from '#shared/ipc/build-api.ts';
import { registerElectronIpc } from '../../../src-main/ipc/electron-ipc.ts';
import type { Dispatch } from '../../../src-main/ipc/dispatcher.ts';
import { FakeIpcMain } from './electron-ipc-fakes.ts';

const APP = 'app://console';

function setup() {
  const calls: [string, unknown, string][] = [];
  const dispatch: Dispatch = async (channel, input, caller) => {
    calls.push([channel, input, caller.origin]);
    return { ok: true, data: 'dispatched' };
  };
  const ipc = new FakeIpcMain();
  const unregister = registerElectronIpc(ipc, dispatch, APP);
  return { ipc, calls, unregister };
}

describe('Electron IPC adapter (FakeIpcMain)', () => {
  it('registers one handler per registry channel and removes them all', () => {
    const { ipc, unregister } = setup();
    expect([...ipc.handlers.keys()].sort()).toEqual([...channels].sort());
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });

  it('dispatches calls from the app’s own top-level frame', async () => {
    const { ipc, calls } = setup();
    const r = await ipc.invoke('app.info', { url: `${APP}/index.html`, parent: null }, {});
    expect(r).toEqual({ ok: true, data: 'dispatched' });
    expect(calls).toEqual([['app.info', {}, APP]]);
  });

  it('refuses a sender from another origin', async () => {
    const { ipc, calls } = setup();
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/index.html', 'http://127.0.0.1:5173/']) {
      expect(await ipc.invoke('app.info', { url, parent: null }, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(calls).toEqual([]);
  });

  it('refuses a sub-frame even of the app’s own origin, and a missing frame', async () => {
    const { ipc, calls } = setup();
    expect(await ipc.invoke('app.info', { url: `${APP}/index.html`, parent: { url: `${APP}/index.html` } }, {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await ipc.invoke('app.info', null, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(calls).toEqual([]);
  });

  it('removes the cancel listener with the handlers', () => {
    const { ipc, unregister } = setup();
    expect(ipc.listeners.get(CANCEL_CHANNEL)?.size).toBe(1);
    unregister();
    expect(ipc.listeners.get(CANCEL_CHANNEL)?.size).toBe(0);
  });
});

describe('Electron IPC cancel (FakeIpcMain): a call the preload gave an id can be abandoned', () => {
  /** A dispatch that waits until its signal aborts (as a search waiting on OMS would), and says so. */
  function waiting() {
    const seen: { channel: string; signal: AbortSignal | undefined }[] = [];
    const dispatch: Dispatch = (channel, _input, _caller, signal) => {
      seen.push({ channel, signal });
      return new Promise((resolve) => {
        if (!signal) return resolve({ ok: true, data: 'no signal' });
        signal.addEventListener('abort', () => resolve({ ok: false, error: { code: 'UNAVAILABLE', message: 'The request was cancelled.' } }));
      });
    };
    const ipc = new FakeIpcMain();
    const unregister = registerElectronIpc(ipc, dispatch, APP);
    return { ipc, seen, unregister };
  }
  const top = { url: `${APP}/index.html`, parent: null };

  it('aborts the dispatch of the call named by the cancel, and only that one', async () => {
    const { ipc, seen } = waiting();
    const first = ipc.invoke('customers.search', top, { q: 'm' }, 7);
    const second = ipc.invoke('customers.search', top, { q: 'ma' }, 8);
    expect(seen.map((s) => s.signal?.aborted)).toEqual([false, false]);
    ipc.send(CANCEL_CHANNEL, top, 7);
    expect(await first).toMatchObject({ ok: false, error: { message: 'The request was cancelled.' } });
    expect(seen[0]!.signal!.aborted).toBe(true);
    expect(seen[1]!.signal!.aborted).toBe(false);
    ipc.send(CANCEL_CHANNEL, top, 8);
    await second;
  });

  it('keeps call ids per window: another window cannot cancel this one’s call with the same id', async () => {
    const { ipc, seen } = waiting();
    const mine = ipc.invoke('customers.search', top, { q: 'm' }, 3, 1);
    ipc.send(CANCEL_CHANNEL, top, 3, 2);
    expect(seen[0]!.signal!.aborted).toBe(false);
    ipc.send(CANCEL_CHANNEL, top, 3, 1);
    await mine;
    expect(seen[0]!.signal!.aborted).toBe(true);
  });

  it('ignores a cancel from a foreign frame, and ids that are not positive integers', async () => {
    const { ipc, seen } = waiting();
    const call = ipc.invoke('customers.search', top, {}, 5);
    ipc.send(CANCEL_CHANNEL, { url: 'https://evil.example/', parent: null }, 5);
    ipc.send(CANCEL_CHANNEL, { url: `${APP}/index.html`, parent: top }, 5);
    for (const bad of ['5', 5.5, -5, 0, null, { id: 5 }, Number.MAX_SAFE_INTEGER + 2]) ipc.send(CANCEL_CHANNEL, top, bad);
    expect(seen[0]!.signal!.aborted).toBe(false);
    ipc.send(CANCEL_CHANNEL, top, 5);
    await call;
  });

  it('a call without an id gets no signal; a cancel for an unknown or finished id is a no-op', async () => {
    const { ipc, seen } = waiting();
    expect(await ipc.invoke('app.info', top, {})).toEqual({ ok: true, data: 'no signal' });
    expect(seen[0]!.signal).toBeUndefined();
    ipc.send(CANCEL_CHANNEL, top, 99);
    const call = ipc.invoke('customers.search', top, {}, 1);
    ipc.send(CANCEL_CHANNEL, top, 1);
    await call;
    // Finished and forgotten: the same id again is a fresh call, not an already-aborted one.
    void ipc.invoke('customers.search', top, {}, 1);
    expect(seen[2]!.signal!.aborted).toBe(false);
    ipc.send(CANCEL_CHANNEL, top, 1);
  });

  it('closing the IPC aborts every call still running', async () => {
    const { ipc, seen, unregister } = waiting();
    const call = ipc.invoke('customers.search', top, {}, 11);
    unregister();
    await call;
    expect(seen[0]!.signal!.aborted).toBe(true);
  });
});
