import { relayCaughtUpSchema, relayDeliverySchema } from '#shared/relay/relay-protocol.ts';
import { bearer, LAST_EVENT_ID_HEADER, RELAY_PING_MS } from '#shared/relay/relay-wire.ts';
import { openSseChannel, Refused, type SseChannel, type SseEvent, type SseLifecycle } from './sse-channel.ts';
import type { RawDelivery } from './webhook-server.ts';

/** Where a relay delivery sits in its channel: the cursor to resume after, and when the relay stored it. */
export interface RelayMeta {
  cursor: string;
  receivedAt: string;
}

export interface RelayClientOptions extends SseLifecycle {
  /** The channel's SSE URL on our relay: `…/channels/<c>/events`. */
  url: string;
  /** The channel's console token (rly_…). */
  token: string;
  /** The cursor saved after the last delivery that reached the inbox. */
  cursor?: string | null;
  /** Must settle only once the delivery is stored; a rejection keeps the cursor where it was. */
  onDelivery: (d: RawDelivery, meta: RelayMeta) => Promise<unknown>;
  /** Every delivery up to and including `cursor` is in the inbox: save it. */
  onCursor?: (cursor: string, meta: RelayMeta) => void;
  /** The backlog is done: `count` deliveries were missed while offline. */
  onCaughtUp?: (count: number) => void;
  /** Some deliveries were pruned before we read them: the stream alone is no longer the truth. */
  onGap?: (info: Record<string, unknown>) => void;
  /** The relay never issued our cursor (its store was replaced): forget it. */
  onReset?: () => void;
}

/**
 * One `delivery` event of our relay. The body is decoded to the exact bytes OMS sent and never
 * parsed here, so the signature checks out over them.
 */
export function deliveryFromRelayEvent(data: string): { delivery: RawDelivery; meta: RelayMeta } | null {
  let m: unknown;
  try {
    m = JSON.parse(data);
  } catch {
    return null;
  }
  const parsed = relayDeliverySchema.safeParse(m);
  if (!parsed.success) return null;
  const { cursor, receivedAt, headers, bodyBase64 } = parsed.data;
  const h: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) h[k.toLowerCase()] = v;
  const at = Number.isNaN(Date.parse(receivedAt)) ? new Date().toISOString() : receivedAt;
  return { delivery: { headers: h, rawBody: Buffer.from(bodyBase64, 'base64') }, meta: { cursor, receivedAt: at } };
}

const parseJson = (s: string): Record<string, unknown> => {
  try {
    const v: unknown = JSON.parse(s);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

/**
 * Subscribes to one channel of our relay and feeds each delivery to the pipeline, reconnecting
 * until closed or refused: byte-exact bodies, the cursor resumed with Last-Event-ID and moved only
 * past deliveries the inbox has, and caught-up/gap/reset/revoked handled.
 */
export function startRelayClient(opts: RelayClientOptions): SseChannel {
  // The cursor of the last delivery stored in the inbox.
  let cursor = opts.cursor ?? null;

  /** Stores a run of deliveries together (one inbox commit), then moves the cursor past those stored in order. */
  const storeRun = async (run: { delivery: RawDelivery; meta: RelayMeta }[]): Promise<void> => {
    // The first alone: it loads the secrets (a keychain read) that the rest then share from the cache.
    const results = await Promise.allSettled([opts.onDelivery(run[0]!.delivery, run[0]!.meta)]);
    if (results[0]!.status === 'fulfilled') results.push(...(await Promise.allSettled(run.slice(1).map((r) => opts.onDelivery(r.delivery, r.meta)))));
    const firstFailed = results.findIndex((r) => r.status === 'rejected');
    const stored = firstFailed === -1 ? run : run.slice(0, firstFailed);
    const last = stored.at(-1);
    if (last) {
      cursor = last.meta.cursor;
      opts.onCursor?.(last.meta.cursor, last.meta);
    }
    // Not stored: drop the stream and resume after the last stored one, so nothing is skipped.
    if (firstFailed !== -1) throw new Error('a delivery could not be stored; resuming from the last stored one');
  };

  const onBatch = async (batch: SseEvent[]): Promise<void> => {
    let run: { delivery: RawDelivery; meta: RelayMeta }[] = [];
    for (const ev of batch) {
      if (ev.event === 'delivery') {
        const d = deliveryFromRelayEvent(ev.data);
        if (d) run.push(d);
        continue;
      }
      if (run.length) await storeRun(run);
      run = [];
      if (ev.event === 'caught-up') {
        const count = relayCaughtUpSchema.shape.count.safeParse(parseJson(ev.data).count);
        opts.onCaughtUp?.(count.success ? count.data : 0);
      } else if (ev.event === 'gap') opts.onGap?.(parseJson(ev.data));
      else if (ev.event === 'reset') {
        cursor = null;
        opts.onReset?.();
      } else if (ev.event === 'revoked') throw new Refused('the relay revoked this token');
    }
    if (run.length) await storeRun(run);
  };

  return openSseChannel({
    ...opts,
    headers: () => ({ authorization: bearer(opts.token), ...(cursor ? { [LAST_EVENT_ID_HEADER]: cursor } : {}) }),
    onBatch,
    onAnswer: (status, code) => {
      if (status !== 400 || code !== 'bad_cursor') return;
      // The saved cursor is not this relay's shape (another engine): start over; dedupe absorbs repeats.
      cursor = null;
      opts.onReset?.();
    },
    // Our relay pings every 15 s: two missed pings is a dead connection.
    deadMs: opts.deadMs ?? 2 * RELAY_PING_MS,
  });
}
