import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RELAY_RETRY_MS, sseFrame } from '../src-shared/relay/relay-wire.ts';
import type { RelayContext } from './relay-context.ts';
import { sendError } from './relay-context.ts';
import { deliveryFrame } from './fanout-cache.ts';
import type { SubscriptionSink } from './subscription-loop.ts';
import { admit, runSubscription } from './subscription-loop.ts';

/** GET /channels/<channel>/events: the subscription as Server-Sent Events. */
export async function handleSubscribe(ctx: RelayContext, req: IncomingMessage, res: ServerResponse, channel: string, url: URL): Promise<void> {
  if (req.method !== 'GET') return sendError(res, 405, 'method_not_allowed', 'subscribe with GET', { allow: 'GET' });
  const a = await admit(ctx, req, url, channel);
  if (!a.ok) return sendError(res, a.status, a.error, a.message, a.status === 429 ? { 'retry-after': '5' } : {});
  const sink: SubscriptionSink = {
    send: (event, data) => void res.write(sseFrame(event, data)),
    deliver: (page) => res.write(page.map(deliveryFrame).join('')),
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
    res.write(`retry: ${RELAY_RETRY_MS}\n\n`);
  });
}
