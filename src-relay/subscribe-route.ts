import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RelayContext } from './relay-context.ts';
import { sendError } from './relay-context.ts';
import type { StoredDelivery } from './relay-types.ts';
import type { StreamEventName, SubscriptionSink } from './subscription-loop.ts';
import { admit, deliveryData, runSubscription } from './subscription-loop.ts';

const sseFrame = (event: StreamEventName, data: Record<string, unknown>, id?: string) => `${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/** The SSE frame of a delivery: `id:` the cursor, one JSON `data:` line with the body base64. */
export function deliveryFrame(d: StoredDelivery): string {
  return sseFrame('delivery', deliveryData(d), d.cursor);
}

/** GET /channels/<channel>/events: the subscription as Server-Sent Events. */
export async function handleSubscribe(ctx: RelayContext, req: IncomingMessage, res: ServerResponse, channel: string, url: URL): Promise<void> {
  if (req.method !== 'GET') return sendError(res, 405, 'method_not_allowed', 'subscribe with GET', { allow: 'GET' });
  const a = await admit(ctx, req, url, channel);
  if (!a.ok) return sendError(res, a.status, a.error, a.message, a.status === 429 ? { 'retry-after': '5' } : {});
  const sink: SubscriptionSink = {
    send: (event, data, id) => res.write(sseFrame(event, data, id)),
    drained: async () => {
      if (!res.destroyed) await Promise.race([once(res, 'drain'), once(res, 'close')]);
    },
    ping: () => res.write(': ping\n\n'),
    end: () => res.end(),
    // A client that left while the stream was being set up has already fired 'close'.
    onClose: (cb) => (res.destroyed || req.socket.destroyed ? cb() : res.on('close', cb)),
  };
  await runSubscription(ctx, a, sink, () => {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no', connection: 'keep-alive' });
    res.write('retry: 2000\n\n');
  });
}
