import { enableCompileCache } from 'node:module';
import { parentPort, threadId, workerData } from 'node:worker_threads';
import type { SandboxOptions } from '#sandbox/index.ts';

/**
 * The local profile's embedded OMS sandbox, on its own thread: its SQLite work (searches, seeding
 * on a first start, bulk review decisions) never holds up main's event loop, where the webhook
 * listener acknowledges deliveries and the IPC bridge answers the window. Main talks to it over
 * loopback HTTP like any OMS; this port carries only start-up, log lines and the close handshake.
 */

/** What main hands over at spawn (credentials included: worker data is never logged). */
export type SandboxWorkerData = Omit<SandboxOptions, 'logger'>;

export type SandboxWorkerMessage =
  | { type: 'ready'; origin: string; baseUrl: string; port: number; threadId: number }
  | { type: 'log'; line: string }
  | { type: 'failed'; message: string; code: string | null }
  | { type: 'closed'; error: string | null };

export type SandboxWorkerCommand = { type: 'close' };

const port = parentPort;
if (!port) throw new Error('sandbox.worker.ts runs as a worker thread started by local-sandbox.ts, not on its own');
const post = (m: SandboxWorkerMessage) => port.postMessage(m);
const errorCode = (e: unknown) => (e && typeof e === 'object' && 'code' in e && typeof e.code === 'string' ? e.code : null);
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

// From sources, every new sandbox thread type-strips and compiles the sandbox's modules again:
// 0.6–1.8 s on a busy 2-core machine, and tests start dozens. Node's compile cache (keyed by file
// content) cut that to 0.3–0.7 s. The bundle gains little from it (~0.3 s either way), so it is
// left alone there. The sandbox is imported after, for the cache to see it.
if (import.meta.url.endsWith('.ts')) enableCompileCache();
const { startSandbox } = await import('#sandbox/index.ts');

try {
  const handle = await startSandbox({ ...(workerData as SandboxWorkerData), logger: (line) => post({ type: 'log', line }) });
  port.on('message', (m: SandboxWorkerCommand) => {
    if (m.type !== 'close') return;
    handle.close().then(
      () => post({ type: 'closed', error: null }),
      (e: unknown) => post({ type: 'closed', error: messageOf(e) }),
    ).finally(() => port.close()); // nothing else is left on this thread's loop: it exits
  });
  post({ type: 'ready', origin: handle.origin, baseUrl: handle.baseUrl, port: handle.port, threadId });
} catch (e) {
  post({ type: 'failed', message: messageOf(e), code: errorCode(e) });
  port.close();
}
