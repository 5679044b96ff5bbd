import { CANCEL_CHANNEL } from '#shared/ipc/build-api.ts';
import { channels as registryChannels } from '#shared/ipc/registry.ts';
import { err } from '#shared/ipc/result.ts';
import type { Dispatch } from './dispatcher.ts';

/** The parts of Electron's ipcMain and its event we use: lets tests drive it with a named fake. */
export interface SenderFrameLike {
  url: string;
  parent: unknown | null;
}
export interface InvokeEventLike {
  senderFrame: SenderFrameLike | null;
  /** The calling window's web contents: call ids are that window's own, so they are kept per sender. */
  sender?: { id: number };
}
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, input: unknown, callId?: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: (event: InvokeEventLike, callId: unknown) => void): void;
  removeListener(channel: string, listener: (event: InvokeEventLike, callId: unknown) => void): void;
}

export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    // Custom schemes have an opaque origin ("null"): compare scheme + host instead.
    return u.origin !== 'null' ? u.origin : `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}

/**
 * One `ipcMain.handle` per registered channel. Only the app's own top-level frame may call:
 * a sub-frame or a page from another origin (a navigation that slipped through, an injected
 * iframe) gets FORBIDDEN before the dispatcher sees the input. A call the preload gave an id can
 * be cancelled by that same window on CANCEL_CHANNEL: its signal aborts, and with it the OMS request.
 */
export function registerElectronIpc(ipcMain: IpcMainLike, dispatch: Dispatch, appOrigin: string, channels = registryChannels): () => void {
  const live = new Map<string, AbortController>();
  const admitted = (event: InvokeEventLike): string | null => {
    const frame = event.senderFrame;
    const origin = frame ? originOf(frame.url) : null;
    return frame && frame.parent === null && origin === appOrigin ? origin : null;
  };
  const keyOf = (event: InvokeEventLike, callId: unknown): string | null =>
    typeof callId === 'number' && Number.isSafeInteger(callId) && callId > 0 ? `${event.sender?.id ?? 0}:${callId}` : null;

  for (const channel of channels) {
    ipcMain.handle(channel, async (event, input, callId) => {
      const origin = admitted(event);
      if (origin === null) return err('FORBIDDEN', 'This window is not allowed to call the console.');
      const caller = { transport: 'electron' as const, origin };
      const key = keyOf(event, callId);
      if (key === null) return dispatch(channel, input, caller);
      const ctl = new AbortController();
      live.set(key, ctl);
      try {
        return await dispatch(channel, input, caller, ctl.signal);
      } finally {
        if (live.get(key) === ctl) live.delete(key);
      }
    });
  }
  const onCancel = (event: InvokeEventLike, callId: unknown) => {
    if (admitted(event) === null) return;
    const key = keyOf(event, callId);
    if (key !== null) live.get(key)?.abort();
  };
  ipcMain.on(CANCEL_CHANNEL, onCancel);
  return () => {
    channels.forEach((c) => ipcMain.removeHandler(c));
    ipcMain.removeListener(CANCEL_CHANNEL, onCancel);
    for (const ctl of live.values()) ctl.abort();
    live.clear();
  };
}
