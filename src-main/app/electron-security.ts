import { app, session, shell, type WebContents } from 'electron';
import { CSP } from '../lib/csp.ts';
import { applyPermissionPolicy } from '../desktop/permissions.ts';
import { isAllowedExternalUrl } from './open-external.ts';
import { originOf } from '../ipc/electron-ipc.ts';

export { CSP };

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://console`;

/** Compared as origins: a prefix test lets `app://console.evil` or `http://localhost:5173.evil.test` through. */
export function staysOnAppOrigin(url: string, appOrigin: string): boolean {
  const want = originOf(appOrigin);
  return want !== null && originOf(url) === want;
}

/** Opens a URL in the system browser only if it is https and allowlisted. */
export async function openExternalSafely(url: string): Promise<boolean> {
  if (!isAllowedExternalUrl(url)) return false;
  await shell.openExternal(url);
  return true;
}

/**
 * App-wide hardening, applied before any window exists: deny every permission but clipboard writes
 * from the app's own pages (the copy buttons), every new window, every navigation away from the
 * app's origin, and every <webview>.
 */
export function hardenApp(appOrigin: string): void {
  applyPermissionPolicy(session.defaultSession, appOrigin);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.setWindowOpenHandler(({ url }) => {
      void openExternalSafely(url);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event, url) => {
      if (!staysOnAppOrigin(url, appOrigin)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!staysOnAppOrigin(url, appOrigin)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
