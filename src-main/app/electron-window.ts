import { BrowserWindow } from 'electron';
import { mainWindowOptions } from './window-options.ts';

/** The one window, hardened: isolated, sandboxed, no Node in the renderer. */
export function createMainWindow(preloadDir: string, url: string): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(preloadDir));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(url);
  return win;
}
