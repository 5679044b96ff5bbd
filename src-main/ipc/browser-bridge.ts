import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { contentSecurityPolicy } from '../lib/csp.ts';
import type { Dispatch } from './dispatcher.ts';
import type { EventBridge } from './event-bridge.ts';

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
 * Browsers share cookies across ports of one host, so two consoles (or one restarted on another
 * port) would overwrite each other's session: the cookie name carries the port.
 */
export const sessionCookieName = (port: number) => `oms_session_${port}`;
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

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
 * The request target as a URL, or null when it cannot be one (`//[`, a bad percent escape):
 * such a request gets a 400, never an exception outside a try.
 */
function requestUrl(raw: string | undefined): { url: URL; path: string } | null {
  try {
    const url = new URL(raw ?? '/', 'http://127.0.0.1');
    return { url, path: decodeURIComponent(url.pathname) };
  } catch {
    return null;
  }
}

/**
 * Browser mode: the same dispatcher behind loopback HTTP + WebSocket. Defences, in order:
 * loopback bind; Host allowlist (DNS rebinding); Origin allowlist (cross-site pages); per-launch
 * token (other local users and processes). The token arrives once in the URL, then as an
 * HttpOnly SameSite=Strict cookie.
 */
export async function startBrowserBridge(opts: BrowserBridgeOptions): Promise<BrowserBridge> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const maxBody = opts.maxBodyBytes ?? 1024 * 1024;
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  /** null when the request may proceed; otherwise the status and message to refuse it with. */
  function refuse(req: IncomingMessage, url: URL): [number, string] | null {
    if (!allowedHosts().has(req.headers.host ?? '')) return [403, 'Foreign Host header refused.'];
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) return [403, 'Foreign Origin refused.'];
    // Any one valid credential admits: a cookie left by an earlier launch on this port must not
    // shadow the fresh token in the URL the user just opened (the URL then re-issues the cookie).
    const presented = [
      url.searchParams.get('token'),
      req.headers.authorization?.replace(/^Bearer\s+/i, ''),
      cookieToken(req, sessionCookieName(port)),
    ].filter((t): t is string => typeof t === 'string' && t !== '');
    if (presented.length === 0) return [401, 'This console needs its launch token: open the URL it printed when it started.'];
    if (!presented.some((t) => sameSecret(t, token))) return [403, 'Wrong launch token: open the URL printed by the running console.'];
    return null;
  }

  const securityHeaders = (res: ServerResponse) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Security-Policy', contentSecurityPolicy([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]));
  };

  const send = (res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8') => {
    securityHeaders(res);
    res.writeHead(status, { 'Content-Type': type });
    res.end(body);
  };

  /** `pathname` is already percent-decoded (see requestUrl). */
  async function serveStatic(res: ServerResponse, pathname: string) {
    const rel = normalize(pathname).replace(/^([/\\])+/, '');
    const file = join(opts.staticDir, rel === '' ? 'index.html' : rel);
    if (!file.startsWith(opts.staticDir + sep) && file !== opts.staticDir) return send(res, 404, 'Not found');
    try {
      const body = await readFile(file);
      securityHeaders(res);
      // Built assets carry a content hash in their names: the browser may keep them (and its compiled
      // code) across starts. Everything else, index.html included, is asked for again each time.
      if (rel.startsWith('assets/')) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      res.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      // Client-side routes fall back to the app shell.
      if (extname(rel) === '') return serveStatic(res, '/index.html');
      send(res, 404, 'Not found');
    }
  }

  async function invoke(req: IncomingMessage, res: ServerResponse, channel: string) {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBody) return send(res, 413, JSON.stringify({ ok: false, error: { code: 'INVALID_INPUT', message: 'Request body over 1 MiB.' } }), 'application/json');
      chunks.push(chunk);
    }
    let input: unknown;
    try {
      input = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
    } catch {
      return send(res, 400, JSON.stringify({ ok: false, error: { code: 'INVALID_INPUT', message: 'Request body is not valid JSON.' } }), 'application/json');
    }
    // A page that stops waiting (a newer keystroke aborts the older search's fetch) closes the
    // connection: the call and the OMS request behind it stop, instead of running ahead of the newer one.
    const gone = new AbortController();
    const onClose = () => !res.writableFinished && gone.abort();
    res.once('close', onClose);
    const result = await opts.dispatch(decodeURIComponent(channel), input, { transport: 'browser', origin: req.headers.origin ?? 'none' }, gone.signal);
    res.off('close', onClose);
    if (gone.signal.aborted || res.destroyed) return;
    send(res, 200, JSON.stringify(result), 'application/json');
  }

  const fail = (res: ServerResponse, status: number, body: string) => {
    if (res.headersSent) res.destroy();
    else send(res, status, body);
  };

  function route(req: IncomingMessage, res: ServerResponse) {
    const target = requestUrl(req.url);
    if (!target) return send(res, 400, 'Malformed request URL.');
    const { url, path } = target;
    const refused = refuse(req, url);
    if (refused) return send(res, refused[0], refused[1]);
    if (url.searchParams.has('token') && req.method === 'GET') {
      // Trade the token in the URL for a cookie, and drop it from the address bar and history.
      securityHeaders(res);
      res.writeHead(302, { 'Set-Cookie': `${sessionCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`, Location: url.pathname });
      return res.end();
    }
    const m = /^\/api\/invoke\/([A-Za-z0-9._-]{1,100})$/.exec(url.pathname);
    if (m) {
      if (req.method !== 'POST') return send(res, 405, 'Use POST.');
      return void invoke(req, res, m[1] as string).catch(() => fail(res, 500, 'Bridge error'));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed');
    void serveStatic(res, path).catch(() => fail(res, 500, 'Could not read the file.'));
  }

  const server = createServer((req, res) => {
    try {
      route(req, res);
    } catch {
      fail(res, 400, 'Bad request.');
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

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const clients = new Set<WebSocket>();
  server.on('upgrade', (req, socket, head) => {
    const target = requestUrl(req.url);
    const refused: [number, string] | null = !target
      ? [400, 'Malformed request URL.']
      : (refuse(req, target.url) ?? (target.url.pathname === '/api/events' ? null : [404, 'Not found']));
    if (refused) {
      socket.end(`HTTP/1.1 ${refused[0]} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      ws.on('message', () => {}); // the socket is one-way: main → renderer
    });
  });
  // Frames are sent once per event-loop turn, after the I/O of that turn: at 1,000 webhook
  // deliveries/s, a frame per delivery written inline delayed the deliveries' own acks.
  let frames: string[] = [];
  const flushFrames = () => {
    const batch = frames;
    frames = [];
    for (const ws of clients) if (ws.readyState === ws.OPEN) for (const f of batch) ws.send(f);
  };
  // Webhook deliveries arrive gathered per event-bridge window: one frame carries them all, in order.
  const removeSink = opts.events.addBatchSink((name, payloads) => {
    if (clients.size === 0) return;
    frames.push(JSON.stringify(payloads.length === 1 ? { name, payload: payloads[0] } : { name, payloads }));
    if (frames.length === 1) setImmediate(flushFrames);
  });

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
      removeSink();
      for (const ws of clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
