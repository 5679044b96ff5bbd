import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Auth } from './auth.ts';
import type { SandboxContext } from './context.ts';
import { applyMalformed } from './faults.ts';
import { ApiError, canonicalJson, errorReply, readBody, writeReply, type Reply } from './http-util.ts';
import { Idempotency } from './idempotency.ts';
import { newId } from './ids.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { Router } from './router.ts';
import type { ApiRequest, ApiRoute, ControlHandler } from './routes/route-types.ts';
import { tx } from './store/db.ts';

export interface Pipeline {
  ctx: SandboxContext;
  auth: Auth;
  idempotency: Idempotency;
  limiter: RateLimiter;
  api: Router<ApiRoute>;
  control: Router<ControlHandler>;
  /** Resolves pending injected latencies at shutdown so no timer outlives close(). */
  sleeps: Set<() => void>;
  isClosing(): boolean;
  /** The listening port, known after bind; Host and Origin checks compare against it. */
  port: number;
  /** Bound to a loopback address: then the OMS API gets the Host/Origin checks too, not only the control API. */
  loopbackBind: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * DNS rebinding and cross-site requests: a browser page can reach a loopback port, but it cannot
 * make its request carry a loopback Host with our port (after rebinding the Host is the attacker's
 * name) nor hide its Origin on a POST. So the Host must be a loopback name with our port, and an
 * Origin, when sent, must be our own loopback origin.
 */
function checkHostAndOrigin(p: Pipeline, req: IncomingMessage): void {
  const allowed = new Set(LOOPBACK_NAMES.map((h) => `${h}:${p.port}`));
  const host = (req.headers.host ?? '').toLowerCase();
  if (!allowed.has(host)) throw new ApiError(403, 'Host header must name this sandbox on a loopback address (e.g. 127.0.0.1:<port>)');
  const origin = req.headers.origin;
  if (origin !== undefined && !LOOPBACK_NAMES.some((h) => origin.toLowerCase() === `http://${h}:${p.port}`)) {
    throw new ApiError(403, 'Cross-origin requests are refused: the sandbox serves its own loopback origin only');
  }
}

/** A body must be declared JSON: a form or text/plain post is what a foreign page can send without a preflight. */
function requireJsonBody(req: IncomingMessage): void {
  const method = req.method ?? 'GET';
  if (method === 'GET' || method === 'HEAD' || method === 'DELETE') return;
  const length = req.headers['content-length'];
  const hasBody = req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  if (!hasBody) return;
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new ApiError(415, `Content-Type must be application/json (got ${type ? JSON.stringify(type.slice(0, 100)) : 'none'})`, { code: 'unsupported_media_type' });
  }
}

function sleep(p: Pipeline, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      p.sleeps.delete(wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    p.sleeps.add(wake);
  });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const { text, tooLarge } = await readBody(req);
  if (tooLarge) throw new ApiError(413, 'Request body exceeds the 1 MiB limit');
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ApiError(400, `Malformed JSON body: ${(err as Error).message}`);
  }
}

function matchOrThrow<H>(router: Router<H>, method: string, path: string) {
  const m = router.match(method, path);
  if (m.kind === 'none') throw new ApiError(404, `No route for ${method} ${path}`);
  if (m.kind === 'method') {
    throw new ApiError(405, `Method ${method} not allowed on ${path}; allowed: ${m.allowed.join(', ')}`, { headers: { Allow: m.allowed.join(', ') } });
  }
  return m;
}

/** The OMS pipeline: route → body → auth → rate limit → idempotency → faults → handler (one tx) → faults. */
async function handleApi(p: Pipeline, req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams, requestId: string, meta: { template: string }): Promise<Reply | null> {
  const { ctx } = p;
  const method = req.method ?? 'GET';
  const m = matchOrThrow(p.api, method, path);
  const template = `${method} ${m.route.template}`;
  meta.template = template;
  ctx.stats.requests[template] = (ctx.stats.requests[template] ?? 0) + 1;
  // Authenticate before reading a byte of the body: an anonymous caller must not make us buffer 1 MiB.
  const apiKey = m.route.handler.auth ? p.auth.verify(req.headers.authorization) : null;
  if (apiKey) p.limiter.take(apiKey);
  requireJsonBody(req);
  const body = await readJson(req);

  let scope: string | null = null;
  let bodyHash = '';
  if (m.route.handler.idempotent) {
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || !key.trim()) throw new ApiError(400, 'Idempotency-Key header is required on POST and PUT');
    if (key.length > 255) throw new ApiError(400, 'Idempotency-Key must be at most 255 characters');
    scope = Idempotency.scope(apiKey ?? '-', method, path, key);
    bodyHash = Idempotency.hashBody(canonicalJson(body ?? null));
    const outcome = p.idempotency.begin(scope, bodyHash);
    if (outcome.kind === 'replay') return { status: outcome.status, body: outcome.body, headers: { 'Idempotent-Replayed': 'true' } };
  }
  try {
    const fault = ctx.faults.pick(method, path);
    if (fault?.action === 'error') throw new ApiError(fault.status ?? 500, `Injected fault: ${fault.status ?? 500}`);
    if (fault?.action === 'rateLimit') {
      throw new ApiError(429, 'Injected fault: rate limited', { headers: { 'Retry-After': String(fault.retryAfterSec ?? 1) } });
    }
    if (fault?.action === 'hang') {
      // Never answer: the client's timeout (or close()) ends it.
      await new Promise<void>((resolve) => res.once('close', () => resolve()));
      return null;
    }
    if (fault?.action === 'latency') await sleep(p, fault.latencyMs ?? 1000);
    // A caller that has gone (a search typed over, a cancelled call) gets no work done for it.
    if (p.isClosing() || res.destroyed || req.socket.destroyed) return null;
    const request: ApiRequest = { ctx, params: m.params, query, body, apiKey, requestId };
    const reply = tx(ctx.db, () => {
      const r = m.route.handler.handler(request);
      if (scope && r.status >= 200 && r.status < 300) p.idempotency.save(scope, bodyHash, r.status, r.body);
      return r;
    });
    if (fault?.action === 'errorAfterCommit') {
      return errorReply(new ApiError(fault.status ?? 500, `Injected fault after commit: ${fault.status ?? 500}`), requestId);
    }
    if (fault?.action === 'malformed') return { ...reply, body: applyMalformed(reply.body, fault.malformed) };
    return reply;
  } finally {
    if (scope) p.idempotency.release(scope);
  }
}

async function handleControl(p: Pipeline, req: IncomingMessage, path: string, query: URLSearchParams, requestId: string): Promise<Reply> {
  // The control API can reset everything: it answers loopback callers only, whatever the bind address.
  if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) throw new ApiError(403, 'The sandbox control API is loopback-only');
  const method = req.method ?? 'GET';
  const m = matchOrThrow(p.control, method, path);
  requireJsonBody(req);
  const body = await readJson(req);
  return await m.route.handler({ ctx: p.ctx, params: m.params, query, body, apiKey: null, requestId });
}

function parseUrl(raw: string | undefined): URL {
  try {
    return new URL(raw ?? '/', 'http://sandbox.invalid');
  } catch {
    throw new ApiError(400, 'Malformed request target');
  }
}

export function createRequestHandler(p: Pipeline) {
  const base = p.ctx.config.basePath;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = newId('req');
    const started = performance.now();
    const meta = { template: `${req.method} (unmatched)` };
    let reply: Reply | null;
    try {
      const url = parseUrl(req.url);
      const path = url.pathname;
      const isControl = path === '/_sandbox' || path.startsWith('/_sandbox/');
      // A sandbox deliberately bound to a LAN address serves its OMS API under that name; control stays loopback-only.
      if (isControl || p.loopbackBind) checkHostAndOrigin(p, req);
      if (isControl) {
        meta.template = `${req.method} /_sandbox${url.pathname.slice('/_sandbox'.length)}`;
        reply = await handleControl(p, req, path.slice('/_sandbox'.length) || '/', url.searchParams, requestId);
      } else if (path === base || path.startsWith(`${base}/`)) {
        reply = await handleApi(p, req, res, path.slice(base.length) || '/', url.searchParams, requestId, meta);
      } else {
        throw new ApiError(404, `No route for ${req.method} ${path} (the API lives under ${base}, the control API under /_sandbox)`);
      }
    } catch (err) {
      if (err instanceof ApiError) reply = errorReply(err, requestId);
      else {
        p.ctx.log(`internal error ${requestId}: ${(err as Error).stack ?? String(err)}`);
        reply = errorReply(new ApiError(500, 'Internal sandbox error'), requestId);
      }
    }
    if (reply) writeReply(res, reply, requestId);
    // Templates only: paths and queries can carry ids, emails or phone numbers.
    p.ctx.log(`${meta.template} ${reply?.status ?? 'no-response'} ${Math.round(performance.now() - started)}ms ${requestId}`);
  };
}
