import { type CallOptions, type OmsApi, type OmsApiOf } from '#shared/ipc/build-api.ts';
import { kindOf } from '#shared/ipc/channel-table.ts';
import { err, type Result } from '#shared/ipc/result.ts';
import { callWords, cancelledWords } from './call-words.ts';

declare global {
  interface Window {
    oms: OmsApi;
  }
}

/** What a feature may pass with a call: a signal that, once aborted, abandons it. */
export interface ClientCallOptions {
  signal?: AbortSignal;
}
export type ClientApi = OmsApiOf<ClientCallOptions>;

/** A call to main that has not answered yet, as the pending list shows it. */
export interface PendingCall {
  id: number;
  channel: string;
  /** What the person is waiting for, in their words ("Loading Dora Docs"). */
  label: string;
  /** A read: cancelling it also aborts the OMS request; a change is only no longer waited for. */
  read: boolean;
  startedAt: number;
  /** Stops waiting: the caller gets a "cancelled" result at once and its buttons come back. */
  cancel(): void;
}

/** Told when a call starts and when it settles: whoever shows waiting calls registers one. */
export interface CallWatcher {
  started(call: PendingCall): void;
  settled(id: number): void;
}

let seq = 0;
let tracked: ClientApi | null = null;
let changeDone: (channel: string) => void = () => {};
let watcher: CallWatcher = { started: () => {}, settled: () => {} };

/**
 * The client sits below every store, so it reports calls to whoever registered rather than
 * importing the store that lists them.
 */
export function watchCalls(w: CallWatcher): void {
  watcher = w;
}

/** Told of every change main carried out (a delivery about it may now be expected). */
export function onChangeDone(fn: (channel: string) => void): void {
  changeDone = fn;
}

/** A cancelled call in the words of whoever started it, whichever layer settled it. */
const cancelled = (label: string): Result<never> => err('TIMEOUT', cancelledWords(label), { cancelled: true });
const isCancelledResult = (r: Result<unknown>) => !r.ok && r.error.details?.cancelled === true;

type RawOp = (input: unknown, opts?: CallOptions) => Promise<Result<unknown>>;

/** Reads held back at start until the first screen's own call has answered (see holdReadsUntil). */
let startGate: { channel: string; open: Promise<void>; release(): void } | null = null;

/**
 * Start-up order: the first screen's call goes out before the status reads the shell makes at start
 * (settings, health, sandbox, inbox…). In browser mode they share a handful of loopback connections
 * with main's busy first second, and sent first they delayed the first rows. Reads on any other
 * channel wait until a call on `channel` has settled, or `maxMs` at the latest; changes never wait.
 */
export function holdReadsUntil(channel: string, maxMs: number): void {
  let open = () => {};
  const gate = { channel, open: new Promise<void>((resolve) => (open = resolve)), release: () => {} };
  const timer = setTimeout(() => gate.release(), maxMs);
  gate.release = () => {
    clearTimeout(timer);
    if (startGate === gate) startGate = null;
    open();
  };
  startGate = gate;
}

function track(raw: OmsApi): ClientApi {
  const out: Record<string, unknown> = {};
  for (const [domain, ops] of Object.entries(raw as unknown as Record<string, Record<string, unknown>>)) {
    if (domain === 'events') {
      out[domain] = ops;
      continue;
    }
    const wrapped: Record<string, unknown> = {};
    for (const [name, fn] of Object.entries(ops)) {
      const channel = `${domain}.${name}`;
      const op = fn as RawOp;
      const read = kindOf(channel) === 'read';
      const send = (input: unknown, opts?: ClientCallOptions): Promise<Result<unknown>> => {
        const signal = opts?.signal;
        const label = callWords(channel, input);
        if (signal?.aborted) return Promise.resolve(cancelled(label));
        const id = ++seq;
        let stop: (r: Result<never>) => void = () => {};
        const stopped = new Promise<Result<never>>((resolve) => (stop = resolve));
        // One switch for both ways a read is abandoned: its caller's signal, or Cancel in the list.
        const abandon = new AbortController();
        signal?.addEventListener('abort', () => abandon.abort(), { once: true });
        watcher.started({ id, channel, label, read, startedAt: Date.now(), cancel: read ? () => abandon.abort() : () => stop(cancelled(label)) });
        const call =
          signal || read
            ? op(input, {
                // A plain function: it crosses Electron's contextBridge, where a signal would not.
                onAbort: (abort) => {
                  abandon.signal.addEventListener('abort', () => {
                    abort();
                    stop(cancelled(label));
                  }, { once: true });
                },
              })
            : op(input);
        return Promise.race([call, stopped])
          .then((r) => {
            if (r.ok && !read) changeDone(channel);
            return isCancelledResult(r) ? cancelled(label) : r;
          })
          .finally(() => {
            watcher.settled(id);
            if (startGate?.channel === channel) startGate.release();
          });
      };
      wrapped[name] = (input: unknown, opts?: ClientCallOptions) => {
        const gate = startGate;
        return gate && read && gate.channel !== channel ? gate.open.then(() => send(input, opts)) : send(input, opts);
      };
    }
    out[domain] = Object.freeze(wrapped);
  }
  return Object.freeze(out) as unknown as ClientApi;
}

/**
 * The renderer's one seam to main: components and stores call `api()`, never `window.oms`, so the
 * transport (preload in Electron, the loopback bridge in browser mode) stays out of the features.
 */
export function api(): ClientApi {
  return (tracked ??= track(window.oms));
}
