import { BrowserWindow, clipboard, dialog, Menu, Notification, screen, shell } from 'electron';
import type { EventBus } from '../lib/event-bus.ts';
import { buildAppMenuTemplate, commandMessage, RENDERER_EVENT_CHANNEL, type AppCommand, type AppMenuActions } from '../desktop/app-menu.ts';
import { buildContextMenuTemplate } from '../desktop/context-menu.ts';
import { createRendererRecovery } from '../desktop/renderer-recovery.ts';
import { decide, type NotificationSettings, type PolicyMemory } from '../desktop/notification-policy.ts';
import { chooseWindowPlacement, loadWindowState, recordWindowPlacement, saveWindowState, type WindowPlacement } from '../desktop/window-state.ts';

// Thin adapters: each hands Electron's objects to a pure core in ../desktop and does nothing else.

/** Sends a menu command to the window's renderer on the one event channel the preload already fans out. */
export function sendCommand(win: BrowserWindow | null, command: AppCommand): void {
  if (win && !win.isDestroyed()) win.webContents.send(RENDERER_EVENT_CHANNEL, commandMessage(command));
}

export function installAppMenu(opts: { packaged: boolean; appName: string }, actions: AppMenuActions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildAppMenuTemplate({ platform: process.platform, packaged: opts.packaged, appName: opts.appName }, actions)));
}

export function installContextMenu(win: BrowserWindow): void {
  win.webContents.on('context-menu', (_event, params) => {
    const template = buildContextMenuTemplate(params, (text) => {
      void clipboard.writeText(text);
    });
    if (template.length > 0) Menu.buildFromTemplate(template).popup({ window: win });
  });
}

/** Native notifications for what the policy picks; a click brings the window forward. */
export function startNotifications(bus: EventBus, openCustomers: { has(id: string): boolean }, settings: () => NotificationSettings, onClick: () => void): () => void {
  const memory: PolicyMemory = {};
  return bus.onAny((name, payload) => {
    const notice = decide({ name, payload }, settings(), openCustomers, memory);
    if (!notice || !Notification.isSupported()) return;
    const n = new Notification({ title: notice.title, body: notice.body });
    n.on('click', onClick);
    n.show();
  });
}

/** Where the window should open, from the saved state and the displays attached now. */
export function initialPlacement(file: string, log: (line: string) => void): WindowPlacement {
  return chooseWindowPlacement(loadWindowState(file, log), screen.getAllDisplays(), screen.getPrimaryDisplay(), { width: 1320, height: 860 });
}

/** Remembers the window's normal bounds and maximised state per display, on move/resize (debounced) and on close. */
export function trackWindowState(win: BrowserWindow, file: string, log: (line: string) => void): void {
  let timer: NodeJS.Timeout | null = null;
  const save = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (win.isDestroyed()) return;
    const bounds = win.getNormalBounds();
    try {
      saveWindowState(file, recordWindowPlacement(loadWindowState(file), screen.getDisplayMatching(bounds), { bounds, maximized: win.isMaximized() }));
    } catch (e) {
      log(`window state not saved: ${e instanceof Error ? e.message : 'error'}`);
    }
  };
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 1000);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(event as 'resize', later);
  win.on('close', save);
}

export async function openLogsFolder(dir: string): Promise<void> {
  const error = await shell.openPath(dir);
  if (error) throw new Error(error);
}

export const focusedOrFirstWindow = (): BrowserWindow | null => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0] ?? null;

/** A crashed or hung renderer is logged and the operator offered a reload (see renderer-recovery.ts). */
export function watchRendererHealth(win: BrowserWindow, log: (line: string) => void): void {
  const recovery = createRendererRecovery(
    { isDestroyed: () => win.isDestroyed(), reload: () => win.webContents.reload() },
    {
      log,
      dialog: {
        ask: async (q, signal) => (await dialog.showMessageBox(win, { type: 'warning', noLink: true, ...q, signal })).response,
      },
    },
  );
  win.webContents.on('render-process-gone', (_event, details) => void recovery.gone(details));
  win.on('unresponsive', () => void recovery.unresponsive());
  win.on('responsive', () => recovery.responsive());
}
