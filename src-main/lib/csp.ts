/**
 * The one Content-Security-Policy of the renderer, whichever way it is served: Electron's `app://`
 * protocol and session headers, and the browser-mode bridge (which adds its own WebSocket origins,
 * the only other place the page may connect to). Scripts come only from the app itself.
 */
export function contentSecurityPolicy(connect: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // React and uPlot set element styles; no stylesheet or script is ever inlined from data.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    ["connect-src 'self'", ...connect].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Electron's: the renderer talks to main over IPC only. */
export const CSP = contentSecurityPolicy();
