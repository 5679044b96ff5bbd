import type { RelayEventData, RelayEventName } from './relay-protocol.ts';

// The relay protocol's names and frames, free of zod so the relay's image does without it.

/** Where OMS posts, where a console subscribes (SSE), and the same subscription over WebSocket. */
export const relayPaths = {
  ingest: (channel: string) => `/hooks/${channel}`,
  events: (channel: string) => `/channels/${channel}/events`,
  websocket: (channel: string) => `/channels/${channel}/ws`,
} as const;

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
