/**
 * The one permission the renderer is granted: writing sanitised text to the clipboard (the copy
 * buttons). Reading the clipboard, notifications from the page, media, geolocation, … stay denied;
 * native notifications come from main instead.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

function originOf(url: string | undefined | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    if (u.origin !== 'null') return u.origin;
    // WHATWG gives non-special schemes an opaque origin; Chromium treats our registered standard
    // scheme (app://console) as a real one. Host-less URLs (data:, javascript:, file:) stay opaque.
    return u.host && u.protocol !== 'file:' ? `${u.protocol}//${u.host}` : null;
  } catch {
    return null;
  }
}

/** Grant only an allowed permission, and only to a page of the app's own origin. */
export function decidePermission(permission: string, requestingUrl: string | undefined | null, appOrigin: string): boolean {
  if (!ALLOWED_PERMISSIONS.has(permission)) return false;
  const want = originOf(appOrigin);
  return want !== null && originOf(requestingUrl) === want;
}

/** The parts of Electron's `session` the permission policy is installed on. */
export interface PermissionSession {
  setPermissionRequestHandler(handler: (wc: { getURL(): string } | null, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void): void;
  setPermissionCheckHandler(handler: (wc: { getURL(): string } | null, permission: string, requestingOrigin: string) => boolean): void;
}

/** Installs `decidePermission` as both the request and the check handler (Chromium asks both ways). */
export function applyPermissionPolicy(session: PermissionSession, appOrigin: string): void {
  session.setPermissionRequestHandler((wc, permission, callback, details) => callback(decidePermission(permission, details?.requestingUrl ?? wc?.getURL(), appOrigin)));
  session.setPermissionCheckHandler((_wc, permission, requestingOrigin) => decidePermission(permission, requestingOrigin, appOrigin));
}
