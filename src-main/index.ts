/** Electron entry: lifecycle only. Services come from the shared composition root; policies from ./desktop. */
import { app, clipboard, ipcMain, nativeTheme, powerMonitor } from 'electron';
import { release } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { createConsole, type ConsoleApp } from './app/composition.ts';
import { initialPlacement, installAppMenu, installContextMenu, openLogsFolder, sendCommand, startNotifications, trackWindowState, watchRendererHealth } from './app/electron-desktop.ts';
import { createElectronUpdater, electronUpdateDialog } from './app/electron-updater.ts';
import { createMainWindow } from './app/electron-window.ts';
import { electronSaveDialog } from './app/electron-save-dialog.ts';
import { registerAppScheme, serveRenderer } from './app/electron-protocol.ts';
import { APP_ORIGIN, hardenApp, openExternalSafely } from './app/electron-security.ts';
import { defaultDataDir, securePrivateDir } from './app/paths.ts';
import { appUserModelId } from './desktop/app-identity.ts';
import { registerAppImageLinks, xdgMimeDefault } from './desktop/appimage-links.ts';
import { DEEP_LINK_SCHEME, urlWithHash } from './desktop/deep-link.ts';
import { buildDiagnostics } from './desktop/diagnostics.ts';
import { openFileLog, type FileLog } from './desktop/file-log.ts';
import { changesOms, createInFlightChanges } from './desktop/in-flight-changes.ts';
import { guardQuit, quitsWhenAllWindowsClosed, WindowKeeper } from './desktop/lifecycle.ts';
import { DEFAULT_NOTIFICATION_SETTINGS, NOTIFICATION_SETTINGS_KEY, NotificationSettingsSchema } from './desktop/notification-policy.ts';
import { bringToFront, claimSingleInstance, createDeepLinkRouter, protocolClientArgs } from './desktop/single-instance.ts';
import { THEME_SETTING_KEY, windowBackground } from './desktop/theme.ts';
import { createUpdateController, NO_UPDATER, UPDATE_CHECK_AT_START_KEY } from './desktop/updater-policy.ts';
import type { Dispatch } from './ipc/dispatcher.ts';
import { registerElectronIpc } from './ipc/electron-ipc.ts';
import { scrubText } from './lib/redact.ts';

const devUrl = process.env.ELECTRON_RENDERER_URL;
const appOrigin = devUrl ? new URL(devUrl).origin : APP_ORIGIN;
const baseUrl = devUrl ?? `${APP_ORIGIN}/index.html`;
// The smoke spec checks the production menu from source: this switch can only take things away
// (Reload, DevTools), never add them, so it is safe to honour in any build.
const packaged = app.isPackaged || process.env.OMS_CONSOLE_AS_PACKAGED === '1';
let fileLog: FileLog | null = null;
let consoleApp: ConsoleApp | null = null;

function log(line: string): void {
  fileLog?.write(line);
  console.error(`[main] ${scrubText(line)}`);
}

const keeper = new WindowKeeper(() => {
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const placement = initialPlacement(stateFile, log);
  const win = createMainWindow(join(import.meta.dirname, '../preload'), baseUrl + (router.takePending() ?? ''), {
    bounds: placement.bounds,
    maximized: placement.maximized,
    backgroundColor: background(),
    devTools: !packaged,
  });
  trackWindowState(win, stateFile, log);
  installContextMenu(win);
  watchRendererHealth(win, log);
  return win;
});

const router = createDeepLinkRouter({
  log,
  navigate: (hash) => {
    const win = keeper.ensure();
    bringToFront(win);
    // A fragment-only change is a same-document navigation; Electron may report it as aborted.
    win.loadURL(urlWithHash(win.webContents.getURL() || baseUrl, hash)).catch((e: unknown) => {
      if (!String(e).includes('ERR_ABORTED')) log(`deep link navigation failed: ${e instanceof Error ? e.message : 'error'}`);
    });
  },
});

const themeSetting = () => consoleApp?.services.settingsStore.get(THEME_SETTING_KEY, z.enum(['system', 'light', 'dark']), 'system') ?? 'system';
const background = () => windowBackground(nativeTheme.shouldUseDarkColors, themeSetting());

if (!claimSingleInstance(app, { window: () => keeper.current(), onArgv: (argv) => void router.openFromArgv(argv) })) {
  // Another console owns the data folder and the webhook port: it has our argv now.
  app.exit(0);
} else {
  registerAppScheme();
  const aumid = appUserModelId(process.platform);
  if (aumid) app.setAppUserModelId(aumid);
  // As in browser mode: a failed background promise is reported, never fatal to the operator's window.
  process.on('unhandledRejection', (reason) => log(`unhandled rejection: ${reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason)}`));
  const protocol = protocolClientArgs(DEEP_LINK_SCHEME, process.defaultApp === true, process.execPath, process.argv[1] ? resolve(process.argv[1]) : undefined);
  app.setAsDefaultProtocolClient(protocol.scheme, protocol.path, protocol.args);
  // macOS delivers links as events (possibly before ready); Windows and Linux put them in argv.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    router.open(url);
  });
  router.openFromArgv(process.argv);

  const starting = app.whenReady().then(start);
  starting.catch(failedToStart);
  guardQuit(
    app,
    async () => {
      await starting.catch(() => undefined);
      await consoleApp?.close();
      consoleApp = null;
      fileLog?.close();
      fileLog = null;
    },
    { log },
  );
  app.on('window-all-closed', () => {
    if (quitsWhenAllWindowsClosed(process.platform)) app.quit();
  });
  // A packaged app's crashes are otherwise invisible: they go to the log file with the reason only
  // (the window's own renderer is watched, and offered a reload, in watchRendererHealth).
  app.on('child-process-gone', (_event, details) => log(`${details.type} process gone: ${details.reason} (exit ${details.exitCode})`));
  // Dock click on macOS: a new window around the services already running, never a second console.
  app.on('activate', () => {
    if (consoleApp) bringToFront(keeper.ensure());
  });
}

function failedToStart(e: unknown): void {
  log(`OMS Console failed to start: ${e instanceof Error ? e.message : String(e)}`);
  app.exit(1);
}

async function start(): Promise<void> {
  app.setAppLogsPath();
  const logsDir = app.getPath('logs');
  try {
    securePrivateDir(logsDir);
    fileLog = openFileLog({ dir: logsDir, knownSecrets: () => consoleApp?.services.secrets.known ?? [] });
  } catch (e) {
    // An unwritable logs folder costs the file log, not the console.
    log(`log file unavailable in ${logsDir}: ${e instanceof Error ? e.message : 'error'}`);
  }
  hardenApp(appOrigin);
  if (!devUrl) serveRenderer(join(import.meta.dirname, '../renderer'));
  const c = await createConsole({
    transport: 'electron',
    dataDir: process.env.OMS_CONSOLE_DATA_DIR ? defaultDataDir() : join(app.getPath('userData'), 'data'),
    version: app.getVersion(),
    log,
    // The window shows without waiting for the listener's thread, which starts after the first rows.
    waitForListener: false,
    listenerStart: 'after-first-answer',
    packaged: app.isPackaged,
    saveDialog: electronSaveDialog(() => keeper.current()),
    openExternal: openExternalSafely,
    // Settings → Desktop: a theme override applies to the window at once, not at the next start.
    onDesktopPrefs: (p) => {
      nativeTheme.themeSource = p.theme;
      keeper.current()?.setBackgroundColor(background());
    },
  });
  consoleApp = c;
  // What the start would have failed with had it waited: the same words, and the same exit.
  c.listenerStarted.catch(failedToStart);
  // Changes to OMS under way are counted: an update restart is never offered in the middle of one.
  const changes = createInFlightChanges();
  const dispatch: Dispatch = (channel, input, caller, signal) =>
    changesOms(channel) ? changes.track(() => c.dispatch(channel, input, caller, signal)) : c.dispatch(channel, input, caller, signal);
  registerElectronIpc(ipcMain, dispatch, appOrigin);
  // Only an installed build has an app-update.yml to read; a development run says so when asked.
  const updates = createUpdateController({
    updater: app.isPackaged ? createElectronUpdater(log) : NO_UPDATER,
    dialog: electronUpdateDialog(() => keeper.current()),
    changes,
    log,
    currentVersion: app.getVersion(),
    unavailable: app.isPackaged ? null : 'This console is not an installed build (npm run dist makes one), so it has no update feed.',
    checkAtStart: () => c.services.settingsStore.get(UPDATE_CHECK_AT_START_KEY, z.boolean(), true),
  });
  // One sink for the life of the process, whichever window is current.
  c.events.addBatchSink((name, payloads) => keeper.current()?.webContents.send('oms:event', payloads.length === 1 ? { name, payload: payloads[0] } : { name, payloads }));
  installAppMenu(
    { packaged, appName: app.getName() },
    {
      command: (command) => sendCommand(keeper.ensure(), command),
      openLogsFolder: () => void openLogsFolder(logsDir).catch((e: unknown) => log(`open logs folder: ${e instanceof Error ? e.message : 'failed'}`)),
      copyDiagnostics: () => void diagnostics(c).then((text) => clipboard.writeText(text), (e: unknown) => log(`diagnostics: ${e instanceof Error ? e.message : 'failed'}`)),
      openDocs: () => void openExternalSafely('https://docs.polygon.technology/'),
      checkForUpdates: () => void updates.checkNow().catch((e: unknown) => log(`update check: ${e instanceof Error ? e.message : 'failed'}`)),
    },
  );
  startNotifications(c.bus, c.webhooks.openCustomers, () => c.services.settingsStore.get(NOTIFICATION_SETTINGS_KEY, NotificationSettingsSchema, DEFAULT_NOTIFICATION_SETTINGS), () => bringToFront(keeper.ensure()));
  // themeSource makes the page's prefers-color-scheme follow the override too, not just the window.
  nativeTheme.themeSource = themeSetting();
  nativeTheme.on('updated', () => keeper.current()?.setBackgroundColor(background()));
  // After sleep the listener's relay socket is usually dead and deliveries may have been missed:
  // reconnect and re-fetch what the user has open, without waiting for the watchdog's next tick.
  powerMonitor.on('resume', () => c.webhooks.wake());
  keeper.ensure();
  router.ready();
  // An AppImage brings no .desktop file: without this, oms-console:// links reach nothing.
  void registerAppImageLinks({ platform: process.platform, env: process.env, scheme: DEEP_LINK_SCHEME, setDefault: xdgMimeDefault(process.env), log });
  // Quietly, once the window is up: the start is not held back by the feed.
  setTimeout(() => void updates.atStart().catch((e: unknown) => log(`update check at start: ${e instanceof Error ? e.message : 'failed'}`)), 5000).unref();
}

async function diagnostics(c: ConsoleApp): Promise<string> {
  return buildDiagnostics({
    appVersion: app.getVersion(),
    packaged: app.isPackaged,
    versions: process.versions,
    platform: process.platform,
    arch: process.arch,
    osRelease: release(),
    locale: app.getLocale(),
    info: await c.info().catch(() => null),
    listener: c.webhooks.status(),
  });
}
