import { APP_COMMANDS, type AppCommand } from '#shared/events/events.contract.ts';

/** Commands main sends to the renderer, as `event.app.command` on the one `oms:event` channel. */
export { APP_COMMANDS, type AppCommand };
export const APP_COMMAND_EVENT = 'event.app.command';
export const RENDERER_EVENT_CHANNEL = 'oms:event';

export type MenuRole =
  | 'about' | 'services' | 'hide' | 'hideOthers' | 'unhide' | 'quit' | 'close' | 'undo' | 'redo' | 'cut' | 'copy' | 'paste'
  | 'selectAll' | 'reload' | 'forceReload' | 'toggleDevTools' | 'resetZoom' | 'zoomIn' | 'zoomOut' | 'togglefullscreen'
  | 'minimize' | 'zoom' | 'front' | 'window' | 'help' | 'appMenu';

export interface MenuItemTemplate {
  label?: string;
  role?: MenuRole;
  type?: 'separator' | 'normal' | 'submenu';
  accelerator?: string;
  enabled?: boolean;
  submenu?: MenuItemTemplate[];
  click?: () => void;
}

export interface AppMenuActions {
  command(command: AppCommand): void;
  openLogsFolder(): void;
  copyDiagnostics(): void;
  openDocs(): void;
  checkForUpdates(): void;
}

export interface AppMenuOptions {
  platform: NodeJS.Platform;
  /** `app.isPackaged`: packaged builds get no Reload and no DevTools. */
  packaged: boolean;
  appName?: string;
}

const SCREENS: [label: string, command: AppCommand][] = [
  ['Customers', 'navigate.customers'],
  ['Onboarding', 'navigate.onboarding'],
  ['Wallets', 'navigate.wallets'],
  ['Transactions', 'navigate.transactions'],
  ['Inbox', 'navigate.inbox'],
  ['Logs', 'navigate.logs'],
  ['Settings', 'navigate.settings'],
];
const sep: MenuItemTemplate = { type: 'separator' };

/**
 * The application menu. The console's own commands go to the renderer (which owns navigation and
 * the palette); Reload and DevTools exist only in development, so a packaged build offers no way
 * into the page's internals. "Reload data" re-fetches through the API and never reloads the page.
 */
export function buildAppMenuTemplate(opts: AppMenuOptions, act: AppMenuActions): MenuItemTemplate[] {
  const mac = opts.platform === 'darwin';
  const cmd = (label: string, command: AppCommand, accelerator?: string): MenuItemTemplate => ({ label, ...(accelerator ? { accelerator } : {}), click: () => act.command(command) });
  const template: MenuItemTemplate[] = [];
  if (mac) {
    template.push({
      label: opts.appName ?? 'OMS Console',
      submenu: [{ role: 'about' }, sep, { role: 'services' }, sep, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, sep, { role: 'quit' }],
    });
  }
  template.push({
    label: 'File',
    submenu: [cmd('Command Palette…', 'palette.open', 'CmdOrCtrl+K'), cmd('Switch Profile…', 'profile.switch', 'CmdOrCtrl+Shift+P'), sep, mac ? { role: 'close' } : { role: 'quit' }],
  });
  template.push({
    label: 'Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, sep, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  });
  template.push({
    label: 'Go',
    submenu: SCREENS.map(([label, command], i) => cmd(label, command, `CmdOrCtrl+${i + 1}`)),
  });
  const view: MenuItemTemplate[] = [cmd('Reload Data', 'data.reload', 'CmdOrCtrl+R')];
  if (!opts.packaged) view.push(sep, { role: 'reload', accelerator: 'CmdOrCtrl+Alt+R' }, { role: 'forceReload' }, { role: 'toggleDevTools' });
  view.push(sep, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, sep, { role: 'togglefullscreen' });
  template.push({ label: 'View', submenu: view });
  template.push({ label: 'Window', submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, sep, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }] });
  template.push({
    label: 'Help',
    submenu: [
      { label: 'Open Logs Folder', click: act.openLogsFolder },
      { label: 'Copy Diagnostics', click: act.copyDiagnostics },
      { label: 'Check for Updates…', click: act.checkForUpdates },
      sep,
      { label: 'OMS Documentation', click: act.openDocs },
    ],
  });
  return template;
}

/** Every item of a template, submenus included (tests and the smoke spec look for roles and labels). */
export function flattenMenu(items: readonly MenuItemTemplate[]): MenuItemTemplate[] {
  return items.flatMap((i) => [i, ...flattenMenu(i.submenu ?? [])]);
}

/** The message the renderer receives for a command (the lead's renderer handles `event.app.command`). */
export function commandMessage(command: AppCommand): { name: typeof APP_COMMAND_EVENT; payload: { command: AppCommand } } {
  return { name: APP_COMMAND_EVENT, payload: { command } };
}
