import type { RendererErrorReport } from '#shared/ipc/app.contract.ts';
import { api } from '../lib/api-client.ts';

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function describe(e: unknown): { message: string; stack?: string } {
  if (e instanceof Error) return { message: `${e.name}: ${e.message}`, ...(e.stack ? { stack: e.stack } : {}) };
  try {
    return { message: typeof e === 'string' ? e : JSON.stringify(e) ?? String(e) };
  } catch {
    return { message: String(e) };
  }
}

/** Sends one error to main's log. Never throws, never awaits anything the caller needs. */
export function reportError(kind: RendererErrorReport['kind'], error: unknown, where?: string): void {
  const { message, stack } = describe(error);
  const report: RendererErrorReport = {
    kind,
    message: cut(message, 2000),
    ...(where ? { where: cut(where, 200) } : {}),
    ...(stack ? { stack: cut(stack, 4000) } : {}),
  };
  void api()
    .app.reportError(report)
    .catch(() => undefined);
}

/** Errors outside React's tree (event handlers, timers, promises nobody awaited) reach the log too. */
export function installErrorReporting(): void {
  window.addEventListener('error', (e) => reportError('error', e.error ?? e.message, e.filename ? `${e.filename.replace(/[?#].*$/, '')}:${e.lineno}` : undefined));
  window.addEventListener('unhandledrejection', (e) => reportError('unhandledrejection', e.reason));
}

/** The screen's section, as the boundaries know it, for the log line. */
const section = () => window.location.hash.replace(/^#\/?/, '').split(/[/?]/)[0] || 'customers';

/** createRoot options: React's own reports of errors it caught in a boundary or could not. */
export const rootErrorOptions = {
  onUncaughtError: (error: unknown) => reportError('react-uncaught', error, section()),
  onCaughtError: (error: unknown) => reportError('react-caught', error, section()),
};

let screenFaults = false;

/**
 * The e2e hook: with it on (main says so only for browser mode started by the test suite), a screen
 * named in sessionStorage throws while rendering, so the journeys can see the error screen.
 */
export function loadTestHooks(): void {
  void api()
    .app.testHooks({})
    .then((r) => (screenFaults = r.ok && r.data.screenFaults));
}

export const FAULT_KEY = 'oms-console.e2e.screenFault';

/** Renders nothing; throws when the test hook asks this screen to fail. */
export function ScreenFault({ section: name }: { section: string }): null {
  if (!screenFaults) return null;
  const raw = sessionStorage.getItem(FAULT_KEY);
  if (!raw) return null;
  const [target, ...message] = raw.split('|');
  if (target === name) throw new Error(message.join('|') || 'Test fault');
  return null;
}
