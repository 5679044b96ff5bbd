import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createBridgeAuth } from './bridge-auth.ts';
import { createResponder, requestUrl } from './bridge-http.ts';
import { createInvoke } from './bridge-invoke.ts';
import { attachPushSocket } from './bridge-socket.ts';
import { createStaticFiles } from './bridge-static.ts';
import type { Dispatch } from './dispatcher.ts';
import type { EventBridge } from './event-bridge.ts';
import { nodeHttp } from '../lib/node-http.ts';

export { sessionCookieName } from './bridge-auth.ts';

export interface BrowserBridgeOptions {
  dispatch: Dispatch;
  events: EventBridge;
  /** The built renderer (index.html and assets). */
  staticDir: string;
  port?: number;
  token?: string;
  maxBodyBytes?: number;
}

export interface BrowserBridge {
  /** The URL to open: carries the per-launch token once; the page then lives on a cookie. */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * Browser mode: the same dispatcher behind loopback HTTP + WebSocket. Defences, in order:
 * loopback bind, then the bridge's auth (Host, Origin, per-launch token). The token arrives once
 * in the URL, then as an HttpOnly SameSite=Strict cookie.
 */
export async function startBrowserBridge(opts: BrowserBridgeOptions): Promise<BrowserBridge> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  let port = 0;
  const auth = createBridgeAuth(token, () => port);
  const out = createResponder(() => port);
  const serveStatic = createStaticFiles(opts.staticDir, out);
  const invoke = createInvoke(opts.dispatch, out, opts.maxBodyBytes ?? 1024 * 1024);

  function route(req: IncomingMessage, res: ServerResponse) {
    const target = requestUrl(req.url);
    if (!target) return out.send(res, 400, 'Malformed request URL.');
    const { url, path } = target;
    const refused = auth.refuse(req, url);
    if (refused) return out.send(res, refused[0], refused[1]);
    if (url.searchParams.has('token') && req.method === 'GET') {
      // Trade the token in the URL for a cookie, and drop it from the address bar and history.
      out.headers(res);
      res.writeHead(302, { 'Set-Cookie': auth.sessionCookie(), Location: url.pathname });
      return res.end();
    }
    const m = /^\/api\/invoke\/([A-Za-z0-9._-]{1,100})$/.exec(url.pathname);
    if (m) {
      if (req.method !== 'POST') return out.send(res, 405, 'Use POST.');
      return void invoke(req, res, m[1] as string).catch(() => out.fail(res, 500, 'Bridge error'));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return out.send(res, 405, 'Method not allowed');
    void serveStatic(res, path).catch(() => out.fail(res, 500, 'Could not read the file.'));
  }

  const server = nodeHttp().createServer((req, res) => {
    try {
      route(req, res);
    } catch {
      out.fail(res, 400, 'Bad request.');
    }
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    socket.destroy();
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  // Node closes idle keep-alive sockets after 5 s by default; a browser reusing one at that very
  // moment sees a network error. Idle sockets here are cheap (loopback, one user): keep them long.
  server.keepAliveTimeout = 120_000;
  const closeSocket = attachPushSocket(server, auth, opts.events);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: async () => {
      closeSocket();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
