import { describe, expect, it } from 'vitest';
import { channels } from '#shared/ipc/registry.ts';
import { registerElectronIpc, type InvokeEventLike, type IpcMainLike } from '../../../src-main/ipc/electron-ipc.ts';
import type { Dispatch } from '../../../src-main/ipc/dispatcher.ts';

/**
 * FakeIpcMain: a named fake of Electron's ipcMain. The Electron runtime cannot run on this
 * machine; this stands in for it with the same handle/removeHandler surface.
 */
class FakeIpcMain implements IpcMainLike {
  handlers = new Map<string, (event: InvokeEventLike, input: unknown) => Promise<unknown>>();
  handle(channel: string, listener: (event: InvokeEventLike, input: unknown) => Promise<unknown>) {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  invoke(channel: string, senderFrame: InvokeEventLike['senderFrame'], input: unknown) {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`No handler registered for '${channel}'`);
    return h({ senderFrame }, input);
  }
}

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
});
