import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { nodeHttp } from '../lib/node-http.ts';

export const DEFAULT_LISTENER_PORT = 4590;
export const LISTENER_PATH = '/webhooks/oms';
export const MAX_BODY_BYTES = 1024 * 1024;

/** One received request, bytes untouched: verification must see exactly what was signed. */
export interface RawDelivery {
  headers: Record<string, string>;
  rawBody: Buffer;
  /** Set when a smee-style relay handed over a parsed body that was serialised again here. */
  reserialised?: true;
}

export interface DeliveryResponse {
  status: number;
  body: Record<string, unknown>;
}

export interface WebhookServerOptions {
  port: number;
  onDelivery: (d: RawDelivery) => Promise<DeliveryResponse>;
  maxBodyBytes?: number;
  /** A sender that trickles headers (slowloris) is cut off after this. */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
}

export interface WebhookServer {
  port: number;
  url: string;
  close(): Promise<void>;
}

// DNS rebinding: a web page on evil.example that re-resolves to 127.0.0.1 still sends its own Host.
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function hostAllowed(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]!;
  return LOOPBACK_HOSTS.has(name.toLowerCase());
}

function isJson(contentType: string | undefined): boolean {
  const mime = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return mime === 'application/json' || (mime.startsWith('application/') && mime.endsWith('+json'));
}

/**
 * OMS disables an endpoint that answers 410 (oms-api.md §7). Every response funnels through here,
 * so no branch, present or future, can send it.
 */
function send(res: ServerResponse, status: number, body: Record<string, unknown>, extra: Record<string, string> = {}): void {
  const safe = status === 410 ? 400 : status;
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(safe, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', ...extra });
  res.end(text);
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** The body, or why there is none (plain events: an async iterator per request showed in profiles at 1,000/s). */
function readBody(req: IncomingMessage, cap: number): Promise<Buffer | 'too-large' | 'aborted'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap) {
        req.off('data', onData);
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(size > cap ? 'too-large' : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.once('error', reject);
    // The sender went away mid-body: nothing to store or answer (a settled promise ignores this after 'end').
    req.once('close', () => resolve('aborted'));
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, opts: WebhookServerOptions): Promise<void> {
  const cap = opts.maxBodyBytes ?? MAX_BODY_BYTES;
  if (!hostAllowed(req.headers.host)) return send(res, 403, { error: 'host_not_allowed' }, { connection: 'close' });
  const path = (req.url ?? '').split('?')[0];
  if (path !== LISTENER_PATH) return send(res, 404, { error: 'not_found' });
  if (req.method !== 'POST') return send(res, 405, { error: 'method_not_allowed' }, { allow: 'POST' });
  if (!isJson(req.headers['content-type'])) return send(res, 415, { error: 'unsupported_media_type', expected: 'application/json' });
  const declared = Number(req.headers['content-length'] ?? 0);
  const tooLarge = () => {
    send(res, 413, { error: 'payload_too_large', limitBytes: cap }, { connection: 'close' });
    // Discard what is still in flight so the sender reads the 413 instead of a reset.
    req.resume();
  };
  if (declared > cap) return tooLarge();
  const body = await readBody(req, cap);
  if (body === 'too-large') return tooLarge();
  if (body === 'aborted') return;
  let out: DeliveryResponse;
  try {
    out = await opts.onDelivery({ headers: flatHeaders(req), rawBody: body });
  } catch {
    // Not persisted, so not acknowledged: 503 makes OMS retry later (never 410).
    out = { status: 503, body: { error: 'unavailable' } };
  }
  send(res, out.status, out.body);
}

/** Binds 127.0.0.1 only: the listener is never reachable from the network without a tunnel the user runs. */
export function startWebhookServer(opts: WebhookServerOptions): Promise<WebhookServer> {
  const server: Server = nodeHttp().createServer(
    { maxHeaderSize: 16 * 1024, connectionsCheckingInterval: 250, requestTimeout: opts.requestTimeoutMs ?? 15_000, headersTimeout: opts.headersTimeoutMs ?? 5_000 },
    (req, res) => {
      handle(req, res, opts).catch(() => send(res, 400, { error: 'bad_request' }));
    },
  );
  server.keepAliveTimeout = 5_000;
  server.maxHeadersCount = 100;
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('clientError', (_err, socket) => {
    // Malformed HTTP or a header timeout: answer plainly if we still can, never with a crash.
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    socket.destroy();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      resolve({
        port,
        url: `http://127.0.0.1:${port}${LISTENER_PATH}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            for (const s of sockets) s.destroy();
          }),
      });
    });
  });
}
