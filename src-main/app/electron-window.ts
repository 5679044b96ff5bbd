import { BrowserWindow } from 'electron';
import { mainWindowOptions, type WindowOptionsInput } from './window-options.ts';

/** The one window, hardened: isolated, sandboxed, no Node in the renderer. */
export function createMainWindow(preloadDir: string, url: string, opts: WindowOptionsInput & { maximized?: boolean } = {}): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(preloadDir, opts));
  win.once('ready-to-show', () => {
    if (opts.maximized) win.maximize();
    win.show();
  });
  void win.loadURL(url);
  return win;
}
