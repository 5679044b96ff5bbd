import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RelayContext } from './relay-context.ts';
import { sendError, sendJson } from './relay-context.ts';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
// Counting walks the entries (Redis has no id-only range), so lag is exact up to this and "at least" beyond.
const LAG_CAP = 1000;

const durability = (ctx: RelayContext) => (ctx.durabilityWarning === null ? { durable: true } : { durable: false, warning: ctx.durabilityWarning });

/** GET /healthz: public, says only whether the store answers (load balancers probe it). */
export async function handleHealthz(ctx: RelayContext, res: ServerResponse): Promise<void> {
  try {
    await ctx.store.ping();
    sendJson(res, 200, { status: 'ok', engine: ctx.store.engine, ...durability(ctx) });
  } catch {
    sendJson(res, 503, { status: 'unavailable', engine: ctx.store.engine, error: 'store unreachable', ...durability(ctx) });
  }
}

function adminAllowed(req: IncomingMessage, adminToken: string | null): boolean {
  // Behind a reverse proxy on the same host every request comes from loopback: a forwarded request
  // is never treated as local.
  const forwarded = req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined || req.headers['x-real-ip'] !== undefined;
  if (adminToken === null) return !forwarded && LOOPBACK.has(req.socket.remoteAddress ?? '');
  const m = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '');
  if (!m) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(m[1]!), digest(adminToken));
}

function refuseAdmin(res: ServerResponse, adminToken: string | null, what: string): void {
  sendError(res, adminToken === null ? 403 : 401, 'admin_only', adminToken === null ? `${what} are served to loopback clients only` : 'send Authorization: Bearer <admin token>');
}

/** Per channel: what is stored and dropped, and this instance's subscribers with their lag. */
async function channelReport(ctx: RelayContext) {
  const channels = [];
  for (const channel of await ctx.store.listChannels()) {
    const state = await ctx.store.channelState(channel);
    const subs = [...ctx.subscribers.values()].filter((s) => s.channel === channel);
    const detail = [];
    for (const s of subs) {
      const lag = await ctx.store.countAfter(channel, s.cursor, LAG_CAP);
      detail.push({ name: s.tokenName, tokenId: s.tokenId, cursor: s.cursor, lagDeliveries: lag, sent: s.sent, connectedAt: new Date(s.connectedAt).toISOString() });
    }
    channels.push({
      ...state,
      channel,
      stored: state?.stored ?? 0,
      newestAt: state?.newestAt ? new Date(state.newestAt).toISOString() : null,
      subscribers: subs.length,
      maxLagDeliveries: detail.reduce((m, d) => Math.max(m, d.lagDeliveries), 0),
      subscriberDetail: detail,
    });
  }
  return channels;
}

/**
 * GET /admin/stats: per channel, what is stored and dropped, and this instance's subscribers with
 * their lag (deliveries stored after the subscriber's cursor, counted up to 1,000).
 */
export async function handleStats(ctx: RelayContext, req: IncomingMessage, res: ServerResponse, adminToken: string | null): Promise<void> {
  if (!adminAllowed(req, adminToken)) return refuseAdmin(res, adminToken, 'stats');
  try {
    sendJson(res, 200, { engine: ctx.store.engine, at: new Date().toISOString(), channels: await channelReport(ctx) });
  } catch (e) {
    ctx.log('error', 'stats failed', { error: (e as Error).message });
    sendError(res, 503, 'store_unavailable', 'the store did not answer');
  }
}

/** GET /metrics: the same figures for Prometheus (text format 0.0.4), under the same admin rule. */
export async function handleMetrics(ctx: RelayContext, req: IncomingMessage, res: ServerResponse, adminToken: string | null): Promise<void> {
  if (!adminAllowed(req, adminToken)) return refuseAdmin(res, adminToken, 'metrics');
  try {
    const channels = (await channelReport(ctx)).map((c) => ({ channel: c.channel, stored: c.stored, subscribers: c.subscribers, maxLag: c.maxLagDeliveries }));
    const text = ctx.metrics.render({ inflightBytes: ctx.inflight.bytes, durable: ctx.durabilityWarning === null, commits: ctx.store.commitStats(), channels });
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' });
    res.end(text);
  } catch (e) {
    ctx.log('error', 'metrics failed', { error: (e as Error).message });
    sendError(res, 503, 'store_unavailable', 'the store did not answer');
  }
}
