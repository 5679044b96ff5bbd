import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SharedReads } from './fanout-cache.ts';
import type { RateLimiter } from './rate-limiter.ts';
import type { RelayMetrics } from './relay-metrics.ts';
import type { RelayLog } from './relay-log.ts';
import type { RelayStore } from './relay-types.ts';

export interface RelayLimits {
  /** Largest accepted body; bigger gets 413. */
  maxBodyBytes: number;
  /** A sender that has not finished its body by then gets 408. */
  bodyTimeoutMs: number;
  /** SSE comment sent this often so proxies and the console's watchdog see a live stream. */
  keepaliveMs: number;
  /** Page size when a subscriber catches up. */
  readBatch: number;
  /** Bodies being received or waiting for the store, all requests together; beyond it, 503. */
  maxInflightBytes: number;
  /** Open streams per token on one instance (a console needs one; a leaked token gets no more). */
  maxStreamsPerToken: number;
}

/** An open subscriber stream on this instance (for stats, lag and revocation). */
export interface Subscriber {
  id: number;
  channel: string;
  tokenId: string;
  tokenName: string;
  connectedAt: number;
  cursor: string | null;
  sent: number;
  close: (reason: string) => void;
}

export interface RelayContext {
  store: RelayStore;
  /** Reads for subscribers, shared by those at the same cursor. */
  reads: SharedReads;
  log: RelayLog;
  limits: RelayLimits;
  limiter: RateLimiter;
  subscribers: Map<number, Subscriber>;
  nextSubscriberId: () => number;
  /** Admitted streams per token id on this instance, from admission until the stream ends. */
  openStreams: Map<string, number>;
  /** Channels known to exist: a cache in front of the store, filled on first use. */
  knownChannels: Set<string>;
  inflight: { bytes: number };
  durabilityWarning: string | null;
  metrics: RelayMetrics;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, error: string, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { error, message }, headers);
}

export async function channelExists(ctx: RelayContext, channel: string): Promise<boolean> {
  if (ctx.knownChannels.has(channel)) return true;
  if (!(await ctx.store.hasChannel(channel))) return false;
  ctx.knownChannels.add(channel);
  return true;
}

/** The request target as a URL, or null when it cannot be one (`//[` reads as a broken authority). */
export function requestUrl(req: IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? '/', 'http://relay');
  } catch {
    return null;
  }
}
