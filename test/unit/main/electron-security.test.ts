import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

/**
 * The Electron runtime cannot run on this machine: `electron` is replaced by a named fake with the
 * parts hardenApp touches (the app's web-contents-created event and the default session), so the
 * guards it installs are the real ones, driven as Chromium would.
 */
const fakeApp = new EventEmitter();
vi.mock('electron', () => ({
  app: fakeApp,
  shell: { openExternal: async () => undefined },
  session: {
    defaultSession: {
      setPermissionRequestHandler: () => undefined,
      setPermissionCheckHandler: () => undefined,
      webRequest: { onHeadersReceived: () => undefined },
    },
  },
}));

const { hardenApp } = await import('../../../src-main/app/electron-security.ts');

/** A window's web contents as the guard sees them: which navigations it cancelled. */
function windowUnder(appOrigin: string) {
  fakeApp.removeAllListeners();
  hardenApp(appOrigin);
  const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: () => undefined });
  fakeApp.emit('web-contents-created', {}, contents);
  const blocked = (event: 'will-navigate' | 'will-redirect', url: string) => {
    let prevented = false;
    contents.emit(event, { preventDefault: () => (prevented = true) }, url);
    return prevented;
  };
  return { blocked };
}

describe('navigation guard', () => {
  it('keeps the packaged window on app://console: a look-alike host is another origin', () => {
    const w = windowUnder('app://console');
    for (const event of ['will-navigate', 'will-redirect'] as const) {
      expect(w.blocked(event, 'app://console/index.html#/customers'), event).toBe(false);
      expect(w.blocked(event, 'app://console.evil/index.html'), event).toBe(true);
      expect(w.blocked(event, 'app://consoleevil/'), event).toBe(true);
      expect(w.blocked(event, 'https://example.com/'), event).toBe(true);
      expect(w.blocked(event, 'not a url'), event).toBe(true);
    }
  });

  it('keeps the dev window on the dev server: a host that starts with it, or another port, is refused', () => {
    const w = windowUnder('http://localhost:5173');
    expect(w.blocked('will-navigate', 'http://localhost:5173/#/inbox')).toBe(false);
    expect(w.blocked('will-navigate', 'http://localhost:5173.evil.test/')).toBe(true);
    expect(w.blocked('will-navigate', 'http://localhost:51734/')).toBe(true);
    expect(w.blocked('will-redirect', 'http://localhost:5173@evil.test/')).toBe(true);
  });
});
