import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Browsers share cookies across ports of one host, so two consoles (or one restarted on another
 * port) would overwrite each other's session: the cookie name carries the port.
 */
export const sessionCookieName = (port: number) => `oms_session_${port}`;

/** The status and message a request is refused with. */
export type Refusal = [status: number, message: string];

export interface BridgeAuth {
  /** null when the request may proceed. */
  refuse(req: IncomingMessage, url: URL): Refusal | null;
  /** The Set-Cookie value that trades the URL's token for a session cookie. */
  sessionCookie(): string;
}

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

function cookieToken(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}

/**
 * The checks every request and upgrade passes, in order: Host allowlist (DNS rebinding), Origin
 * allowlist (cross-site pages), then the per-launch token (other local users and processes).
 * The port is read per request: it is known only once the server listens.
 */
export function createBridgeAuth(token: string, port: () => number): BridgeAuth {
  return {
    refuse(req, url) {
      const p = port();
      if (req.headers.host !== `127.0.0.1:${p}` && req.headers.host !== `localhost:${p}`) return [403, 'Foreign Host header refused.'];
      const origin = req.headers.origin;
      if (origin !== undefined && origin !== `http://127.0.0.1:${p}` && origin !== `http://localhost:${p}`) return [403, 'Foreign Origin refused.'];
      // Any one valid credential admits: a cookie left by an earlier launch on this port must not
      // shadow the fresh token in the URL the user just opened (the URL then re-issues the cookie).
      const presented = [
        url.searchParams.get('token'),
        req.headers.authorization?.replace(/^Bearer\s+/i, ''),
        cookieToken(req, sessionCookieName(p)),
      ].filter((t): t is string => typeof t === 'string' && t !== '');
      if (presented.length === 0) return [401, 'This console needs its launch token: open the URL it printed when it started.'];
      if (!presented.some((t) => sameSecret(t, token))) return [403, 'Wrong launch token: open the URL printed by the running console.'];
      return null;
    },
    sessionCookie: () => `${sessionCookieName(port())}=${token}; HttpOnly; SameSite=Strict; Path=/`,
  };
}
