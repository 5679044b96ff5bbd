import type { EventName } from '#shared/events/events.contract.ts';
import { buildOmsApi, CANCEL_CHANNEL, cancelledResult, type OmsApi } from '#shared/ipc/build-api.ts';
import type { Result } from '#shared/ipc/result.ts';

interface IpcRendererLike {
  invoke(channel: string, input: unknown, callId?: number): Promise<unknown>;
  send(channel: typeof CANCEL_CHANNEL, callId: number): void;
  on(channel: string, listener: (event: unknown, message: { name: EventName; payload?: unknown; payloads?: unknown[] }) => void): void;
}

/**
 * window.oms for Electron: every registry channel over ipcRenderer.invoke, events fanned out locally.
 * An invoke cannot be aborted, so a call that may be abandoned carries an id, and abandoning it
 * sends that id on CANCEL_CHANNEL: main aborts the work (and its OMS request), and the caller is
 * answered at once instead of waiting for main.
 */
export function createElectronOmsApi(ipc: IpcRendererLike): OmsApi {
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  let lastCallId = 0;
  // One event per message, or several of one kind gathered by main (`payloads`, in order).
  ipc.on('oms:event', (_e, { name, payload, payloads }) => {
    for (const p of Array.isArray(payloads) ? payloads : [payload]) for (const cb of listeners.get(name) ?? []) cb(p);
  });
  const invoke = (channel: string, input: unknown, signal?: AbortSignal): Promise<Result<unknown>> => {
    if (!signal) return ipc.invoke(channel, input) as Promise<Result<unknown>>;
    if (signal.aborted) return Promise.resolve(cancelledResult(channel));
    const callId = ++lastCallId;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        ipc.send(CANCEL_CHANNEL, callId);
        resolve(cancelledResult(channel));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      (ipc.invoke(channel, input, callId) as Promise<Result<unknown>>).then(
        (r) => {
          signal.removeEventListener('abort', onAbort);
          resolve(r);
        },
        (e: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
  };
  return buildOmsApi(invoke, (name, cb) => {
    const set = listeners.get(name) ?? new Set();
    set.add(cb);
    listeners.set(name, set);
    return () => void set.delete(cb);
  });
}
