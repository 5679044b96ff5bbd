import { openSseChannel, type SseChannel, type SseEvent, type SseLifecycle } from './sse-channel.ts';
import type { RawDelivery } from './webhook-server.ts';

// A smee-style channel (smee.io or a compatible relay): no token, no cursor of its own beyond the
// SSE id, and bodies that arrive parsed, so signatures verify only if the sender wrote compact JSON.

export interface SmeeClientOptions extends SseLifecycle {
  /** The channel's SSE URL. */
  url: string;
  /** Settles once the delivery is handled; a failure is dropped (smee keeps nothing to resend). */
  onDelivery: (d: RawDelivery) => Promise<unknown>;
}

const SKIP_KEYS = new Set(['body', 'query', 'timestamp', 'rawbody', 'headers']);

/**
 * Rebuilds the original request from one smee message. smee puts the (lower-cased) headers at the
 * top level beside `body`, already parsed: the bytes are gone, so `JSON.stringify(body)` is the
 * best reconstruction and only a signer that produced compact JSON will still verify. A relay that
 * forwards `rawBody` (a string) is byte-exact and preferred.
 */
export function deliveryFromMessage(data: string): RawDelivery | null {
  let msg: unknown;
  try {
    msg = JSON.parse(data);
  } catch {
    return null;
  }
  if (!msg || typeof msg !== 'object') return null;
  const m = msg as Record<string, unknown>;
  const headers: Record<string, string> = {};
  const source = m.headers && typeof m.headers === 'object' ? (m.headers as Record<string, unknown>) : m;
  for (const [k, v] of Object.entries(source)) {
    if (source === m && SKIP_KEYS.has(k.toLowerCase())) continue;
    if (typeof v === 'string') headers[k.toLowerCase()] = v;
    else if (typeof v === 'number') headers[k.toLowerCase()] = String(v);
  }
  const exact = typeof m.rawBody === 'string';
  const rawBody = exact ? Buffer.from(m.rawBody as string) : Buffer.from(JSON.stringify(m.body ?? null));
  headers['content-type'] ??= 'application/json';
  return exact ? { headers, rawBody } : { headers, rawBody, reserialised: true };
}

/** Subscribes to a smee channel and hands each message to the pipeline, resuming after the last id seen. */
export function startSmeeClient(opts: SmeeClientOptions): SseChannel {
  let lastId: string | null = null;
  const onBatch = async (batch: SseEvent[]): Promise<void> => {
    for (const ev of batch) {
      if (ev.event !== 'message') continue; // ready, ping, comments: liveness only
      const d = deliveryFromMessage(ev.data);
      if (d) await opts.onDelivery(d).catch(() => {});
    }
  };
  return openSseChannel({
    ...opts,
    headers: (): Record<string, string> => (lastId ? { 'last-event-id': lastId } : {}),
    onBatch,
    onId: (id) => void (lastId = id),
    onAnswer: (status, code) => {
      if (status === 400 && code === 'bad_cursor') lastId = null;
    },
    deadMs: opts.deadMs ?? 90_000,
  });
}
