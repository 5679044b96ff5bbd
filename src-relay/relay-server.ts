import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { CHANNEL_NAME, RELAY_PING_MS, relayRouteOf } from '../src-shared/relay/relay-wire.ts';
import { SharedReads } from './fanout-cache.ts';
import { handleHealthz, handleMetrics, handleStats } from './health-route.ts';
import { IngestDrain } from './ingest-drain.ts';
import { handleIngest } from './ingest-route.ts';
import { RateLimiter } from './rate-limiter.ts';
import { RelayMetrics } from './relay-metrics.ts';
import type { RelayContext, RelayLimits, Subscriber } from './relay-context.ts';
import { requestUrl, sendError, sendJson } from './relay-context.ts';
import type { RelayLog } from './relay-log.ts';
import { silentLog } from './relay-log.ts';
import type { RelayStore } from './relay-types.ts';
import { handleSubscribe } from './subscribe-route.ts';
import { attachWebSocket } from './websocket-route.ts';

export interface RelayServerOptions {
  store: RelayStore;
  host?: string;
  port?: number;
  tls?: { cert: Buffer; key: Buffer };
  /** Accepted Host header names (without port); empty accepts any. */
  allowedHosts?: string[];
  ratePerSec?: number;
  rateBurst?: number;
  retentionMs?: number;
  pruneEveryMs?: number;
  revokeCheckMs?: number;
  /** Bearer token for /admin/stats; null serves stats to loopback clients only. */
  adminToken?: string | null;
  limits?: Partial<RelayLimits>;
  log?: RelayLog;
  /** Why a 200 might not survive a crash of the store, when the operator chose to run so; /healthz says it. */
  durabilityWarning?: string | null;
  /** Re-reads the store's persistence with each sweep: a problem, null when durable, undefined when it cannot tell now. */
  recheckDurability?: () => Promise<string | null | undefined>;
}

export interface RunningRelay {
  url: string;
  port: number;
  server: Server;
  subscribers: () => Subscriber[];
  /** Runs retention and reports size-cap drops now (also runs on a timer). */
  sweep: () => Promise<void>;
  /** Stops accepting, waits up to `drainMs` for ingests in flight to be stored and answered, then closes. */
  close: (drainMs?: number) => Promise<void>;
}

export const DEFAULT_RETENTION_MS = 7 * 24 * 3600 * 1000;

function hostAllowed(req: IncomingMessage, allowed: string[]): boolean {
  if (allowed.length === 0) return true;
  const host = (req.headers.host ?? '').toLowerCase().replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
  return allowed.includes(host);
}

export async function startRelay(opts: RelayServerOptions): Promise<RunningRelay> {
  const log = opts.log ?? silentLog;
  const allowed = (opts.allowedHosts ?? []).map((h) => h.toLowerCase());
  let nextId = 0;
  const ctx: RelayContext = {
    store: opts.store,
    reads: new SharedReads(opts.store),
    log,
    limits: { maxBodyBytes: 1024 * 1024, bodyTimeoutMs: 15_000, keepaliveMs: RELAY_PING_MS, readBatch: 200, maxInflightBytes: 64 * 1024 * 1024, maxStreamsPerToken: 8, ...opts.limits },
    limiter: new RateLimiter(opts.ratePerSec ?? 50, opts.rateBurst ?? 200),
    subscribers: new Map(),
    nextSubscriberId: () => ++nextId,
    openStreams: new Map(),
    knownChannels: new Set(),
    inflight: { bytes: 0 },
    durabilityWarning: opts.durabilityWarning ?? null,
    metrics: new RelayMetrics(),
  };
  const adminToken = opts.adminToken ?? null;
  const drain = new IngestDrain();

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = requestUrl(req);
    if (!url) return sendError(res, 400, 'bad_request', 'the request target is not a valid path');
    // Probes address the instance, not the public name, so /healthz skips the Host check.
    if (url.pathname === '/healthz') {
      if (drain.stopping) return sendJson(res, 503, { status: 'stopping', engine: ctx.store.engine }, { connection: 'close' });
      return handleHealthz(ctx, res);
    }
    // Scrapers and operators address the instance too; the admin rule guards these two instead.
    if (url.pathname === '/admin/stats') return handleStats(ctx, req, res, adminToken);
    if (url.pathname === '/metrics') return handleMetrics(ctx, req, res, adminToken);
    if (!hostAllowed(req, allowed)) return sendError(res, 421, 'host_not_allowed', 'this relay does not serve that host name');
    const { route, channel } = relayRouteOf(url.pathname) ?? { route: null, channel: '' };
    if (route === 'ingest') {
      res.once('close', () => ctx.metrics.countIngest(res.writableFinished ? String(res.statusCode) : 'aborted'));
      if (!CHANNEL_NAME.test(channel)) return sendError(res, 404, 'unknown_channel', 'not a channel name');
      if (drain.stopping) return sendError(res, 503, 'shutting_down', 'this relay instance is stopping; retry', { 'retry-after': '5', connection: 'close' });
      return drain.track(res, () => handleIngest(ctx, req, res, channel));
    }
    if (route === 'events') {
      if (!CHANNEL_NAME.test(channel)) return sendError(res, 404, 'unknown_channel', 'not a channel name');
      if (drain.stopping) return sendError(res, 503, 'shutting_down', 'this relay instance is stopping; reconnect', { 'retry-after': '2', connection: 'close' });
      return handleSubscribe(ctx, req, res, channel, url);
    }
    sendError(res, 404, 'not_found', 'see the relay README for its routes');
  };
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    route(req, res).catch((e: unknown) => {
      log('error', 'request failed', { path: req.url?.split('?')[0], error: (e as Error).message });
      if (!res.headersSent) sendError(res, 503, 'unavailable', 'the relay could not handle this request');
      else res.end();
    });
  };
  const server = opts.tls ? createHttpsServer({ cert: opts.tls.cert, key: opts.tls.key }, handler) : createHttpServer(handler);
  const ws = attachWebSocket(ctx, server as Server, (req) => hostAllowed(req, allowed));
  server.requestTimeout = 0; // SSE streams are long-lived; the body read has its own timeout
  server.headersTimeout = 20_000;
  server.keepAliveTimeout = 30_000;

  // Revocations made by the admin CLI (another process) are noticed through the token generation.
  let generation = await opts.store.tokenGeneration();
  const revokeTimer = setInterval(() => {
    void (async () => {
      const now = await opts.store.tokenGeneration();
      if (now === generation) return;
      generation = now;
      const revoked = new Set((await opts.store.listTokens()).filter((t) => t.revokedAt !== null).map((t) => t.id));
      for (const s of ctx.subscribers.values()) {
        if (!revoked.has(s.tokenId)) continue;
        log('info', 'subscriber cut off: token revoked', { channel: s.channel, tokenId: s.tokenId });
        s.close('revoked');
      }
    })().catch((e: unknown) => log('warn', 'revocation check failed', { error: (e as Error).message }));
  }, opts.revokeCheckMs ?? 1000);

  const retentionMs = opts.retentionMs ?? DEFAULT_RETENTION_MS;
  const capDrops = new Map<string, number>();
  const sweep = async () => {
    const problem = await opts.recheckDurability?.();
    if (problem !== undefined && (problem === null) !== (ctx.durabilityWarning === null)) {
      if (problem === null) log('notice', 'acknowledged deliveries are crash-safe again');
      else log('error', 'acknowledged deliveries are not crash-safe', { problem });
      ctx.durabilityWarning = problem;
    }
    const pruned = await opts.store.pruneOlderThan(Date.now() - retentionMs);
    for (const [channel, n] of pruned) log('info', 'retention dropped deliveries', { channel, dropped: n, retentionHours: retentionMs / 3_600_000 });
    for (const channel of await opts.store.listChannels()) {
      const st = await opts.store.channelState(channel);
      const before = capDrops.get(channel) ?? 0;
      if (st && st.droppedBySizeCap > before) log('warn', 'size cap dropped oldest deliveries', { channel, dropped: st.droppedBySizeCap - before, total: st.droppedBySizeCap });
      if (st) capDrops.set(channel, st.droppedBySizeCap);
    }
  };
  const sweepTimer = setInterval(() => {
    sweep().catch((e: unknown) => log('warn', 'retention sweep failed', { error: (e as Error).message }));
  }, opts.pruneEveryMs ?? 60_000);
  await sweep().catch((e: unknown) => log('warn', 'retention sweep failed', { error: (e as Error).message }));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = opts.host ?? '127.0.0.1';
  const shown = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  const url = `${opts.tls ? 'https' : 'http'}://${shown}:${port}`;
  log('notice', 'listening', { url, engine: opts.store.engine, tls: Boolean(opts.tls), allowedHosts: allowed.join(',') || '*' });
  if (allowed.length === 0) log('warn', 'no --allow-host given: any Host header is accepted');

  return {
    url,
    port,
    server,
    subscribers: () => [...ctx.subscribers.values()],
    sweep,
    close: async (drainMs = 10_000) => {
      clearInterval(revokeTimer);
      clearInterval(sweepTimer);
      // Stop accepting, end the streams (consoles reconnect elsewhere with their cursor), let the
      // ingests already under way be stored and answered, then drop whatever is left.
      drain.beginStop();
      const closed = new Promise<void>((r) => server.close(() => r()));
      for (const s of ctx.subscribers.values()) s.close('shutdown');
      ws.close();
      server.closeIdleConnections();
      const inflight = drain.size;
      const { unfinished } = await drain.settle(drainMs);
      server.closeAllConnections();
      await closed;
      log(unfinished > 0 ? 'warn' : 'info', 'ingests drained', { inflight, unfinished });
    },
  };
}
