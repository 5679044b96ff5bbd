import { deepLinkFromArgv, deepLinkHash, parseDeepLink, type DeepLinkResult } from './deep-link.ts';

export interface FocusableWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}
export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  on(event: 'second-instance', listener: (event: unknown, argv: string[], workingDirectory: string) => void): unknown;
}

/** Brings the window to the front, un-minimising it first (focus alone leaves it in the dock/taskbar). */
export function bringToFront(win: FocusableWindow | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

/**
 * One console per user: a second one would open the same SQLite file and fight over the webhook
 * port. Returns false in the second process, which must exit at once; the first process focuses its
 * window and receives the second launch's arguments (a deep link, typically).
 */
export function claimSingleInstance(app: SingleInstanceApp, opts: { window: () => FocusableWindow | null; onArgv: (argv: string[]) => void }): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', (_event, argv) => {
    bringToFront(opts.window());
    opts.onArgv(Array.isArray(argv) ? argv : []);
  });
  return true;
}

export interface DeepLinkRouter {
  /** Parses and routes a link (argv, `open-url`); before `ready()` the latest link waits. */
  open(raw: string): DeepLinkResult;
  openFromArgv(argv: readonly string[]): DeepLinkResult | null;
  /** The window can take routes now; a link that arrived earlier is delivered. */
  ready(): void;
  /** The route waiting for the first window, if any (it can go straight into the first URL). */
  takePending(): string | null;
}

/**
 * Links arrive from outside at any moment (macOS sends `open-url` before the app is ready). Only a
 * valid link reaches the renderer, as a hash route; a bad one is logged with its reason, truncated.
 */
export function createDeepLinkRouter(opts: { navigate: (hash: string) => void; log: (line: string) => void }): DeepLinkRouter {
  let isReady = false;
  let pending: string | null = null;
  const router: DeepLinkRouter = {
    open(raw) {
      const parsed = parseDeepLink(raw);
      if (!parsed.ok) {
        opts.log(`deep link refused (${parsed.error.code}): ${parsed.error.message}`);
        return parsed;
      }
      const hash = deepLinkHash(parsed.route);
      if (isReady) opts.navigate(hash);
      else pending = hash;
      return parsed;
    },
    openFromArgv(argv) {
      const link = deepLinkFromArgv(argv);
      return link === null ? null : router.open(link);
    },
    ready() {
      isReady = true;
      const hash = pending;
      pending = null;
      if (hash) opts.navigate(hash);
    },
    takePending() {
      const hash = pending;
      pending = null;
      return hash;
    },
  };
  return router;
}

/**
 * Arguments for `app.setAsDefaultProtocolClient`. Run from source (`electron out/main/index.js`), the
 * OS must start Electron *with the app's script*, or a clicked link opens a bare Electron.
 */
export function protocolClientArgs(scheme: string, isDefaultApp: boolean, execPath: string, script: string | undefined): { scheme: string; path?: string; args?: string[] } {
  return isDefaultApp && script ? { scheme, path: execPath, args: [script] } : { scheme };
}
