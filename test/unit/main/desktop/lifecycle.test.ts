import { describe, expect, it } from 'vitest';
import { guardQuit, quitsWhenAllWindowsClosed, WindowKeeper } from '../../../../src-main/desktop/lifecycle.ts';
import { FakeApp, FakeBrowserWindow, FakeEvent } from './fakes.ts';

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('quit waits for the orderly shutdown', () => {
  it('holds the first quit until close() finishes, then quits for real once', async () => {
    const app = new FakeApp();
    let finish!: () => void;
    const closing = new Promise<void>((r) => (finish = r));
    let closeCalls = 0;
    const status = guardQuit(app, () => (closeCalls++, closing), { capMs: 5000 });

    const first = new FakeEvent();
    app.emit('before-quit', first);
    expect(first.defaultPrevented).toBe(true);
    const again = new FakeEvent();
    app.emit('before-quit', again);
    expect(again.defaultPrevented).toBe(true);
    await tick();
    expect(app.quitCalls).toBe(0);
    expect(status.state).toBe('closing');

    finish();
    await tick();
    expect(app.quitCalls).toBe(1);
    expect(closeCalls).toBe(1);
    const final = new FakeEvent();
    app.emit('before-quit', final);
    expect(final.defaultPrevented).toBe(false);
  });

  it('quits at the cap when close() hangs, and says so', async () => {
    const app = new FakeApp();
    const logs: string[] = [];
    guardQuit(app, () => new Promise<void>(() => {}), { capMs: 30, log: (l) => logs.push(l) });
    app.emit('before-quit', new FakeEvent());
    await tick(80);
    expect(app.quitCalls).toBe(1);
    expect(logs.join('\n')).toMatch(/did not finish within 30 ms/);
  });

  it('quits when close() fails, with the failure logged', async () => {
    const app = new FakeApp();
    const logs: string[] = [];
    guardQuit(app, () => Promise.reject(new Error('db busy')), { capMs: 1000, log: (l) => logs.push(l) });
    app.emit('before-quit', new FakeEvent());
    await tick(10);
    expect(app.quitCalls).toBe(1);
    expect(logs).toEqual(['shutdown failed: db busy']);
  });
});

describe('windows', () => {
  it('macOS keeps running with no window; the others quit', () => {
    expect(quitsWhenAllWindowsClosed('darwin')).toBe(false);
    expect(quitsWhenAllWindowsClosed('linux')).toBe(true);
    expect(quitsWhenAllWindowsClosed('win32')).toBe(true);
  });

  it('activate reopens one window, never a second one while the first lives', () => {
    const keeper = new WindowKeeper(() => new FakeBrowserWindow());
    const a = keeper.ensure();
    expect(keeper.ensure()).toBe(a);
    expect(keeper.created).toBe(1);
    a.close();
    expect(keeper.current()).toBeNull();
    const b = keeper.ensure();
    expect(b).not.toBe(a);
    expect(keeper.created).toBe(2);
  });
});
