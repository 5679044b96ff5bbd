import type { EventName } from '#shared/events/events.contract.ts';
import { buildOmsApi, type OmsApi } from '#shared/ipc/build-api.ts';
import type { Result } from '#shared/ipc/result.ts';

interface IpcRendererLike {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, message: { name: EventName; payload: unknown }) => void): void;
}

/** window.oms for Electron: every registry channel over ipcRenderer.invoke, events fanned out locally. */
export function createElectronOmsApi(ipc: IpcRendererLike): OmsApi {
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  ipc.on('oms:event', (_e, { name, payload }) => {
    for (const cb of listeners.get(name) ?? []) cb(payload);
  });
  return buildOmsApi(
    (channel, input) => ipc.invoke(channel, input) as Promise<Result<unknown>>,
    (name, cb) => {
      const set = listeners.get(name) ?? new Set();
      set.add(cb);
      listeners.set(name, set);
      return () => void set.delete(cb);
    },
  );
}
