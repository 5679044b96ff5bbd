import { describe, expect, it } from 'vitest';
import { bringToFront, claimSingleInstance, createDeepLinkRouter, protocolClientArgs } from '../../../../src-main/desktop/single-instance.ts';
import { FakeApp, FakeBrowserWindow } from './fakes.ts';

describe('one instance', () => {
  it('a second launch gets no lock; the first restores, focuses and receives its argv', () => {
    const first = new FakeApp();
    const win = new FakeBrowserWindow();
    win.minimized = true;
    const received: string[][] = [];
    expect(claimSingleInstance(first, { window: () => win, onArgv: (a) => received.push(a) })).toBe(true);

    const secondGotLock = first.launchSecond(['/opt/oms-console', 'oms-console://customers/cst_42']);
    expect(secondGotLock).toBe(false);
    expect(win.calls).toEqual(['restore', 'show', 'focus']);
    expect(received).toEqual([['/opt/oms-console', 'oms-console://customers/cst_42']]);
  });

  it('the second process is told to exit', () => {
    const first = new FakeApp();
    claimSingleInstance(first, { window: () => null, onArgv: () => {} });
    const second = new FakeApp(first.registry);
    expect(claimSingleInstance(second, { window: () => null, onArgv: () => {} })).toBe(false);
  });

  it('focus skips a destroyed window and does not restore one that is not minimised', () => {
    const gone = new FakeBrowserWindow();
    gone.destroyed = true;
    bringToFront(gone);
    expect(gone.calls).toEqual([]);
    const open = new FakeBrowserWindow();
    bringToFront(open);
    expect(open.calls).toEqual(['show', 'focus']);
  });
});

describe('deep link router', () => {
  it('holds a link that arrives before the window (macOS open-url before ready), then delivers it', () => {
    const routes: string[] = [];
    const logs: string[] = [];
    const router = createDeepLinkRouter({ navigate: (h) => routes.push(h), log: (l) => logs.push(l) });
    router.open('oms-console://customers/cst_early');
    expect(routes).toEqual([]);
    router.ready();
    expect(routes).toEqual(['#/customers/cst_early']);
    router.openFromArgv(['/opt/oms-console', 'oms-console://wallets/wlt_next']);
    expect(routes).toEqual(['#/customers/cst_early', '#/wallets/wlt_next']);
  });

  it('logs a refused link with its reason and routes nothing', () => {
    const routes: string[] = [];
    const logs: string[] = [];
    const router = createDeepLinkRouter({ navigate: (h) => routes.push(h), log: (l) => logs.push(l) });
    router.ready();
    router.open('oms-console://customers/../../settings');
    expect(routes).toEqual([]);
    expect(logs[0]).toMatch(/deep link refused \(deep-link\./);
  });

  it('the first window can take the pending route into its first URL', () => {
    const router = createDeepLinkRouter({ navigate: () => {}, log: () => {} });
    router.open('oms-console://transactions/txn_1');
    expect(router.takePending()).toBe('#/transactions/txn_1');
    expect(router.takePending()).toBeNull();
  });

  it('registers the protocol with the script path when run from source', () => {
    expect(protocolClientArgs('oms-console', true, '/usr/bin/electron', '/src/out/main/index.js')).toEqual({ scheme: 'oms-console', path: '/usr/bin/electron', args: ['/src/out/main/index.js'] });
    expect(protocolClientArgs('oms-console', false, '/opt/OMS Console/oms-console', undefined)).toEqual({ scheme: 'oms-console' });
  });
});
