import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RelayContext } from './relay-context.ts';
import { channelExists, sendError, sendJson } from './relay-context.ts';

// Headers a receiver needs to verify and deduplicate; everything else (proxies' additions,
// cookies, auth) is dropped before storage.
const KEEP = /^(webhook-|svix-)/;
const KEEP_EXACT = new Set(['content-type']);

export function keptHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    const k = name.toLowerCase();
    if (value === undefined || !(KEEP.test(k) || KEEP_EXACT.has(k))) continue;
    out[k] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

type BodyResult = { ok: true; body: Buffer } | { ok: false; status: 408 | 413 | 400; error: string; message: string };

function readBody(req: IncomingMessage, max: number, timeoutMs: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (r: BodyResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (!r.ok) req.pause();
      resolve(r);
    };
    const timer = setTimeout(() => finish({ ok: false, status: 408, error: 'body_timeout', message: `body not received within ${timeoutMs} ms` }), timeoutMs);
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) finish({ ok: false, status: 413, error: 'body_too_large', message: `body exceeds ${max} bytes` });
      else chunks.push(c);
    });
    req.on('end', () => finish({ ok: true, body: Buffer.concat(chunks, size) }));
    req.on('error', () => finish({ ok: false, status: 400, error: 'body_aborted', message: 'the request body was cut off' }));
  });
}

/**
 * POST /hooks/<channel>: store first, answer after. Any failure to store is a 503 so OMS retries;
 * this route never answers 410, which would make OMS disable the webhook.
 */
export async function handleIngest(ctx: RelayContext, req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
  if (req.method !== 'POST') return sendError(res, 405, 'method_not_allowed', 'deliveries are POSTed', { allow: 'POST' });
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > ctx.limits.maxBodyBytes) {
    ctx.log('warn', 'ingest rejected', { channel, status: 413, bytes: declared });
    return sendError(res, 413, 'body_too_large', `body exceeds ${ctx.limits.maxBodyBytes} bytes`, { connection: 'close' });
  }
  let exists: boolean;
  try {
    exists = await channelExists(ctx, channel);
  } catch (e) {
    ctx.log('error', 'store unavailable', { channel, error: (e as Error).message });
    return sendError(res, 503, 'store_unavailable', 'the relay cannot store deliveries right now', { 'retry-after': '5' });
  }
  if (!exists) return sendError(res, 404, 'unknown_channel', `no channel "${channel}" on this relay`);
  const wait = ctx.limiter.take(channel);
  if (wait > 0) {
    ctx.log('warn', 'ingest rate limited', { channel, status: 429 });
    return sendError(res, 429, 'rate_limited', `channel "${channel}" is over its rate limit`, { 'retry-after': String(wait) });
  }
  // Memory stays bounded when senders outpace the store: each request reserves its size first.
  const reserve = Number.isFinite(declared) && declared >= 0 ? declared : ctx.limits.maxBodyBytes;
  if (ctx.inflight.bytes + reserve > ctx.limits.maxInflightBytes) {
    ctx.log('warn', 'ingest shed: too much in flight', { channel, status: 503, inflightBytes: ctx.inflight.bytes });
    return sendError(res, 503, 'busy', 'the relay is busy storing earlier deliveries; retry', { 'retry-after': '2', connection: 'close' });
  }
  ctx.inflight.bytes += reserve;
  try {
    await storeBody(ctx, req, res, channel);
  } finally {
    ctx.inflight.bytes -= reserve;
  }
}

async function storeBody(ctx: RelayContext, req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
  const body = await readBody(req, ctx.limits.maxBodyBytes, ctx.limits.bodyTimeoutMs);
  if (!body.ok) {
    ctx.log('warn', 'ingest rejected', { channel, status: body.status, reason: body.error });
    return sendError(res, body.status, body.error, body.message, { connection: 'close' });
  }
  const headers = keptHeaders(req);
  const started = performance.now();
  try {
    const cursor = await ctx.store.append(channel, { receivedAt: Date.now(), headers, body: body.body });
    ctx.metrics.observeAppend((performance.now() - started) / 1000, body.body.length);
    ctx.log('info', 'ingested', { channel, cursor, bytes: body.body.length, webhookId: headers['webhook-id'] ?? headers['svix-id'] ?? null });
    sendJson(res, 200, { ok: true });
  } catch (e) {
    ctx.metrics.observeAppend((performance.now() - started) / 1000, 0);
    ctx.log('error', 'store failed', { channel, error: (e as Error).message });
    sendError(res, 503, 'store_unavailable', 'the relay could not store this delivery; retry', { 'retry-after': '5' });
  }
}
