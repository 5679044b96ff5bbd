/** The installers' appId (electron-builder.config.ts); a unit test keeps the two equal. */
export const APP_ID = 'dev.omsconsole.desktop';

/**
 * Windows attributes notifications (and taskbar grouping) to an AppUserModelID; without one set
 * to the installer's appId, toasts show as "electron.app.OMS Console" or not at all.
 */
export function appUserModelId(platform: NodeJS.Platform): string | null {
  return platform === 'win32' ? APP_ID : null;
}
