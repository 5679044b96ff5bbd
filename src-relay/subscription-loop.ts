import type { IncomingMessage } from 'node:http';
import type { RelayContext, Subscriber } from './relay-context.ts';
import { channelExists } from './relay-context.ts';
import type { RelayEventData } from '../src-shared/relay/relay-protocol.ts';
import { LAST_EVENT_ID_HEADER } from '../src-shared/relay/relay-wire.ts';
import { authorize } from './relay-tokens.ts';
import type { StoredDelivery, TokenRecord } from './relay-types.ts';

type ControlEvent = Exclude<keyof RelayEventData, 'delivery'>;

/** How one transport (SSE or WebSocket) carries the stream. */
export interface SubscriptionSink {
  send<E extends ControlEvent>(event: E, data: RelayEventData[E]): void;
  /** Sends deliveries in order; returns false when the transport's buffer is full, and the loop waits for `drained`. */
  deliver(page: StoredDelivery[]): boolean;
  drained(): Promise<void>;
  ping(): void;
  end(): void;
  onClose(cb: () => void): void;
}

export type Admission =
  | { ok: true; channel: string; token: TokenRecord; cursor: string | null; latest: boolean; release: () => void }
  | { ok: false; status: number; error: string; message: string };

/** Token, channel and starting cursor: the checks both transports make before streaming. */
export async function admit(ctx: RelayContext, req: IncomingMessage, url: URL, channel: string): Promise<Admission> {
  const auth = await authorize(ctx.store, req.headers.authorization, channel);
  if (!auth.ok) {
    ctx.log('warn', 'subscribe refused', { channel, status: auth.status, reason: auth.error });
    return { ok: false, status: auth.status, error: auth.error, message: auth.message };
  }
  if (!(await channelExists(ctx, channel))) return { ok: false, status: 404, error: 'unknown_channel', message: `no channel "${channel}" on this relay` };
  const header = req.headers[LAST_EVENT_ID_HEADER];
  const fromHeader = typeof header === 'string' && header.trim() !== '' ? header.trim() : null;
  const after = url.searchParams.get('after') || null;
  const cursor = fromHeader ?? after;
  if (cursor !== null && !ctx.store.isCursor(cursor)) {
    return { ok: false, status: 400, error: 'bad_cursor', message: `"${cursor.slice(0, 40)}" is not a ${ctx.store.engine} relay cursor` };
  }
  // Checked and taken with no await in between: opens racing through the awaits above cannot all
  // see a free slot (counting subscribers instead let 200 concurrent opens through on Redis).
  const tokenId = auth.token.id;
  const open = ctx.openStreams.get(tokenId) ?? 0;
  if (open >= ctx.limits.maxStreamsPerToken) {
    ctx.log('warn', 'subscribe refused', { channel, status: 429, reason: 'too_many_streams', tokenId });
    return { ok: false, status: 429, error: 'too_many_streams', message: `token ${tokenId} already has ${open} open streams on this instance` };
  }
  ctx.openStreams.set(tokenId, open + 1);
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    const left = (ctx.openStreams.get(tokenId) ?? 1) - 1;
    if (left > 0) ctx.openStreams.set(tokenId, left);
    else ctx.openStreams.delete(tokenId);
  };
  return { ok: true, channel, token: auth.token, cursor, latest: cursor === null && url.searchParams.get('from') === 'latest', release };
}

/**
 * The backlog after the subscriber's cursor, in order, then `caught-up`, then live deliveries as
 * they are stored. The cursor only moves forward, so a reconnect from the last cursor received
 * gets each delivery exactly once. `beforeStart` runs once the stream is sure to start.
 */
export async function runSubscription(ctx: RelayContext, a: Extract<Admission, { ok: true }>, sink: SubscriptionSink, beforeStart: () => void): Promise<void> {
  try {
    await stream(ctx, a, sink, beforeStart);
  } finally {
    a.release();
  }
}

async function stream(ctx: RelayContext, a: Extract<Admission, { ok: true }>, sink: SubscriptionSink, beforeStart: () => void): Promise<void> {
  const { store } = ctx;
  const { channel } = a;
  let open = true;
  let dirty = true;
  let wake: (() => void) | null = null;
  const poke = () => {
    ctx.reads.appended(channel);
    dirty = true;
    wake?.();
  };
  const unwatch = await store.watch(channel, poke);
  let state;
  try {
    state = await store.channelState(channel);
  } catch (e) {
    unwatch();
    throw e;
  }
  let cursor = a.latest ? (state?.lastCursor ?? null) : a.cursor;
  beforeStart();
  const lastCursor = state?.lastCursor ?? null;
  // A cursor from the future (the store was replaced): start over rather than wait forever. A channel
  // that never issued a cursor has every cursor ahead of it, or its first deliveries would be skipped.
  if (cursor !== null && (lastCursor === null || store.compareCursors(cursor, lastCursor) > 0)) {
    sink.send('reset', { reason: 'cursor_ahead', cursor, lastCursor });
    cursor = null;
  } else if (cursor !== null && state?.prunedThrough && store.compareCursors(cursor, state.prunedThrough) < 0) {
    sink.send('gap', { reason: 'pruned', cursor, prunedThrough: state.prunedThrough });
  }

  const sub: Subscriber = {
    id: ctx.nextSubscriberId(),
    channel,
    tokenId: a.token.id,
    tokenName: a.token.name,
    connectedAt: Date.now(),
    cursor,
    sent: 0,
    close: (reason) => {
      if (!open) return;
      if (reason === 'revoked') sink.send('revoked', { tokenId: a.token.id });
      open = false;
      sink.end();
      wake?.();
    },
  };
  ctx.subscribers.set(sub.id, sub);
  ctx.log('info', 'subscriber connected', { channel, tokenId: sub.tokenId, name: sub.tokenName, cursor });
  const keepalive = setInterval(() => sink.ping(), ctx.limits.keepaliveMs);
  sink.onClose(() => {
    open = false;
    wake?.();
  });

  let caughtUp = false;
  let backlog = 0;
  try {
    while (open) {
      if (!dirty) {
        // The timer is a safety net only (a lost wake-up costs at most 5 s): appends wake the loop
        // through watch().
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((r) => {
          wake = r;
          timer = setTimeout(() => {
            dirty = true;
            r();
          }, 5000);
        });
        clearTimeout(timer);
        wake = null;
        continue;
      }
      dirty = false;
      for (;;) {
        const batch = await ctx.reads.readAfter(channel, sub.cursor, ctx.limits.readBatch);
        if (!open || batch.length === 0) break;
        // A page goes out as one write: catching up 100,000 deliveries is 500 writes, not 100,000.
        const ok = sink.deliver(batch);
        sub.cursor = batch.at(-1)!.cursor;
        sub.sent += batch.length;
        if (!caughtUp) backlog += batch.length;
        if (!ok && open) await sink.drained();
      }
      if (!caughtUp && open) {
        caughtUp = true;
        sink.send('caught-up', { count: backlog, cursor: sub.cursor });
      }
    }
  } catch (e) {
    ctx.log('error', 'subscriber stream failed', { channel, tokenId: sub.tokenId, error: (e as Error).message });
    sink.end();
  } finally {
    open = false;
    clearInterval(keepalive);
    unwatch();
    ctx.subscribers.delete(sub.id);
    ctx.log('info', 'subscriber disconnected', { channel, tokenId: sub.tokenId, cursor: sub.cursor, sent: sub.sent });
  }
}
