import type { RelayEventData, RelayEventName } from './relay-protocol.ts';

// The relay protocol's names and frames, free of zod so the relay's image does without it.

/** A channel's name: what `./oms relay channel add` accepts, and the only channel a route serves. */
export const CHANNEL_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** Where OMS posts, where a console subscribes (SSE), and the same subscription over WebSocket. */
export const relayPaths = {
  ingest: (channel: string) => `/hooks/${channel}`,
  events: (channel: string) => `/channels/${channel}/events`,
  websocket: (channel: string) => `/channels/${channel}/ws`,
} as const;
export type RelayRoute = keyof typeof relayPaths;

// Every route has its channel as the second segment; reading a path back through relayPaths keeps
// the relay's router and the console's form on the one definition above.
const ROUTES = Object.keys(relayPaths) as RelayRoute[];

/**
 * The route a request path names, and the channel in it (not yet checked against CHANNEL_NAME, so
 * the caller can answer "unknown channel" rather than "no such route"). Empty segments are ignored,
 * as `/hooks/ops/` is `/hooks/ops`. Null for any other path.
 */
export function relayRouteOf(pathname: string): { route: RelayRoute; channel: string } | null {
  const parts = pathname.split('/').filter(Boolean);
  const channel = parts[1];
  if (channel === undefined) return null;
  const path = `/${parts.join('/')}`;
  const route = ROUTES.find((r) => relayPaths[r](channel) === path);
  return route ? { route, channel } : null;
}

const [EVENTS_BEFORE = '', EVENTS_AFTER = ''] = relayPaths.events('\0').split('\0');

/** Our relay's stream URL as its base and channel; null for any other URL (a smee channel is one opaque URL). */
export function splitEventsUrl(url: string): { base: string; channel: string } | null {
  if (!url.endsWith(EVENTS_AFTER)) return null;
  const head = url.slice(0, url.length - EVENTS_AFTER.length);
  const at = head.lastIndexOf(EVENTS_BEFORE);
  const channel = head.slice(at + EVENTS_BEFORE.length);
  return at >= 0 && CHANNEL_NAME.test(channel) ? { base: head.slice(0, at), channel } : null;
}

/** A console token travels as `Authorization: Bearer rly_…`. */
export const bearer = (token: string) => `Bearer ${token}`;
/** The cursor of the last delivery a console applied: the relay replays everything after it. */
export const LAST_EVENT_ID_HEADER = 'last-event-id';
/** The reconnect delay the relay asks of SSE clients (`retry:`). */
export const RELAY_RETRY_MS = 2000;
/** The relay pings this often; a client that hears nothing for twice as long treats the stream as dead. */
export const RELAY_PING_MS = 15_000;

/** One SSE event: `id:` only for deliveries (the cursor), one JSON `data:` line. */
export function sseFrame<E extends RelayEventName>(event: E, data: RelayEventData[E], id?: string): string {
  return `${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The same event as one WebSocket text message: `{"type": event, …data}`. */
export function wsMessage<E extends RelayEventName>(event: E, data: RelayEventData[E]): string {
  return JSON.stringify({ type: event, ...data });
}
