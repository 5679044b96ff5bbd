import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RelayContext, Subscriber } from './relay-context.ts';
import { channelExists, sendError } from './relay-context.ts';
import { authorize } from './relay-tokens.ts';
import type { StoredDelivery } from './relay-types.ts';

/** The SSE `data:` of a delivery: one JSON line, the body base64 so every byte survives. */
export function deliveryFrame(d: StoredDelivery): string {
  const data = JSON.stringify({ cursor: d.cursor, receivedAt: new Date(d.receivedAt).toISOString(), headers: d.headers, bodyBase64: d.body.toString('base64') });
  return `id: ${d.cursor}\nevent: delivery\ndata: ${data}\n\n`;
}

const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

function requestedCursor(req: IncomingMessage, url: URL): { cursor: string | null; latest: boolean } {
  const header = req.headers['last-event-id'];
  const fromHeader = typeof header === 'string' && header.trim() !== '' ? header.trim() : null;
  const after = url.searchParams.get('after');
  return { cursor: fromHeader ?? (after && after !== '' ? after : null), latest: !fromHeader && !after && url.searchParams.get('from') === 'latest' };
}

/**
 * GET /channels/<channel>/events: the backlog after the subscriber's cursor, in order, then
 * `caught-up`, then live deliveries as they are stored. The cursor only ever moves forward, so a
 * reconnect with Last-Event-ID gets each delivery exactly once.
 */
export async function handleSubscribe(ctx: RelayContext, req: IncomingMessage, res: ServerResponse, channel: string, url: URL): Promise<void> {
  if (req.method !== 'GET') return sendError(res, 405, 'method_not_allowed', 'subscribe with GET', { allow: 'GET' });
  const auth = await authorize(ctx.store, req.headers.authorization, channel);
  if (!auth.ok) {
    ctx.log('warn', 'subscribe refused', { channel, status: auth.status, reason: auth.error });
    return sendError(res, auth.status, auth.error, auth.message);
  }
  if (!(await channelExists(ctx, channel))) return sendError(res, 404, 'unknown_channel', `no channel "${channel}" on this relay`);
  const { store } = ctx;
  let { cursor } = requestedCursor(req, url);
  const { latest } = requestedCursor(req, url);
  if (cursor !== null && !store.isCursor(cursor)) {
    return sendError(res, 400, 'bad_cursor', `"${cursor.slice(0, 40)}" is not a ${store.engine} relay cursor`);
  }

  let open = true;
  let dirty = true;
  let wake: (() => void) | null = null;
  const poke = () => {
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
  if (latest) cursor = state?.lastCursor ?? null;

  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no', connection: 'keep-alive' });
  res.write('retry: 2000\n\n');
  if (cursor !== null && state?.lastCursor && store.compareCursors(cursor, state.lastCursor) > 0) {
    // A cursor from the future: the store was replaced. Start over rather than wait forever.
    res.write(frame('reset', { reason: 'cursor_ahead', cursor, lastCursor: state.lastCursor }));
    cursor = null;
  } else if (cursor !== null && state?.prunedThrough && store.compareCursors(cursor, state.prunedThrough) < 0) {
    res.write(frame('gap', { reason: 'pruned', cursor, prunedThrough: state.prunedThrough }));
  }

  const sub: Subscriber = {
    id: ctx.nextSubscriberId(),
    channel,
    tokenId: auth.token.id,
    tokenName: auth.token.name,
    connectedAt: Date.now(),
    cursor,
    sent: 0,
    close: (reason) => {
      if (!open) return;
      if (reason === 'revoked') res.write(frame('revoked', { tokenId: auth.token.id }));
      open = false;
      res.end();
      wake?.();
    },
  };
  ctx.subscribers.set(sub.id, sub);
  ctx.log('info', 'subscriber connected', { channel, tokenId: sub.tokenId, name: sub.tokenName, cursor });
  const keepalive = setInterval(() => res.write(': ping\n\n'), ctx.limits.keepaliveMs);
  res.on('close', () => {
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
        const batch = await store.readAfter(channel, sub.cursor, ctx.limits.readBatch);
        if (!open || batch.length === 0) break;
        for (const d of batch) {
          const ok = res.write(deliveryFrame(d));
          sub.cursor = d.cursor;
          sub.sent += 1;
          if (!caughtUp) backlog += 1;
          if (!ok && open) await Promise.race([once(res, 'drain'), once(res, 'close')]);
          if (!open) break;
        }
      }
      if (!caughtUp && open) {
        caughtUp = true;
        res.write(frame('caught-up', { count: backlog, cursor: sub.cursor }));
      }
    }
  } catch (e) {
    ctx.log('error', 'subscriber stream failed', { channel, tokenId: sub.tokenId, error: (e as Error).message });
    res.end();
  } finally {
    open = false;
    clearInterval(keepalive);
    unwatch();
    ctx.subscribers.delete(sub.id);
    ctx.log('info', 'subscriber disconnected', { channel, tokenId: sub.tokenId, cursor: sub.cursor, sent: sub.sent });
  }
}
