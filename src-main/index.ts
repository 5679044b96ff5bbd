/** Electron entry: lifecycle only. Services come from the shared composition root. */
import { app, BrowserWindow, ipcMain, powerMonitor } from 'electron';
import { join } from 'node:path';
import { createConsole, type ConsoleApp } from './app/composition.ts';
import { createMainWindow } from './app/electron-window.ts';
import { registerAppScheme, serveRenderer } from './app/electron-protocol.ts';
import { APP_ORIGIN, hardenApp, openExternalSafely } from './app/electron-security.ts';
import { defaultDataDir } from './app/paths.ts';
import { registerElectronIpc } from './ipc/electron-ipc.ts';
import { scrubText } from './ipc/redact.ts';

registerAppScheme();
// As in browser mode: a failed background promise is reported, never fatal to the operator's window.
process.on('unhandledRejection', (reason) => {
  console.error(`[main] unhandled rejection: ${scrubText(reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason))}`);
});
let consoleApp: ConsoleApp | null = null;

async function start(): Promise<void> {
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  const appOrigin = devUrl ? new URL(devUrl).origin : APP_ORIGIN;
  hardenApp(appOrigin);
  if (!devUrl) serveRenderer(join(import.meta.dirname, '../renderer'));
  consoleApp = await createConsole({
    transport: 'electron',
    dataDir: process.env.OMS_CONSOLE_DATA_DIR ? defaultDataDir() : join(app.getPath('userData'), 'data'),
    version: app.getVersion(),
    log: (line) => console.error(`[main] ${line}`),
    openExternal: openExternalSafely,
  });
  registerElectronIpc(ipcMain, consoleApp.dispatch, appOrigin);
  const win = createMainWindow(join(import.meta.dirname, '../preload'), devUrl ?? `${APP_ORIGIN}/index.html`);
  // After sleep the listener's relay socket is usually dead and deliveries may have been missed:
  // reconnect and re-fetch what the user has open, without waiting for the watchdog's next tick.
  powerMonitor.on('resume', () => consoleApp?.webhooks.wake());
  consoleApp.events.addSink((name, payload) => {
    if (!win.isDestroyed()) win.webContents.send('oms:event', { name, payload });
  });
}

app.whenReady().then(start, (e: unknown) => {
  console.error('OMS Console failed to start:', e instanceof Error ? e.message : e);
  app.exit(1);
});
app.on('window-all-closed', () => app.quit());
app.on('before-quit', () => {
  void consoleApp?.close();
  consoleApp = null;
});
app.on('activate', () => {
  if (BrowserWindow.getAllWindows().length === 0 && consoleApp) void start();
});
