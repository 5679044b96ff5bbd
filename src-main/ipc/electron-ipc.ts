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
}
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, input: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

function originOf(url: string): string | null {
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
 * iframe) gets FORBIDDEN before the dispatcher sees the input.
 */
export function registerElectronIpc(ipcMain: IpcMainLike, dispatch: Dispatch, appOrigin: string, channels = registryChannels): () => void {
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, input) => {
      const frame = event.senderFrame;
      const origin = frame ? originOf(frame.url) : null;
      if (!frame || frame.parent !== null || origin !== appOrigin) {
        return err('FORBIDDEN', 'This window is not allowed to call the console.');
      }
      return dispatch(channel, input, { transport: 'electron', origin });
    });
  }
  return () => channels.forEach((c) => ipcMain.removeHandler(c));
}
