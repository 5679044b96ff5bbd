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

/**
 * Every call is visible while it waits: it joins the pending list (shown after ~300 ms with its age
 * and a Cancel), and Cancel settles it at once with a plain result, so no button stays greyed out
 * behind a hung OMS. For a read, Cancel also tells main, which aborts the OMS request; a change is
 * only no longer waited for (main finishes it, so its audit row records what OMS really did).
 * A call its caller abandoned (its signal aborted: a newer keystroke's search) leaves the list at
 * once and settles as cancelled; the transport tells main, which aborts the OMS request too.
 */
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
      wrapped[name] = (input: unknown, opts?: ClientCallOptions) => {
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
          .finally(() => watcher.settled(id));
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
