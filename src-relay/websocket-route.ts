import { STATUS_CODES } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { CHANNEL_NAME, relayRouteOf, wsMessage } from '../src-shared/relay/relay-wire.ts';
import { deliveryMessage } from './fanout-cache.ts';
import type { RelayContext } from './relay-context.ts';
import { requestUrl } from './relay-context.ts';
import type { SubscriptionSink } from './subscription-loop.ts';
import { admit, runSubscription } from './subscription-loop.ts';

const HIGH_WATER = 1024 * 1024;
const LOW_WATER = 256 * 1024;

function refuse(socket: Duplex, status: number, error: string, message: string): void {
  const body = JSON.stringify({ error, message });
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}

function wsSink(ws: WebSocket): SubscriptionSink {
  return {
    send: (event, data) => ws.send(wsMessage(event, data)),
    deliver: (page) => {
      for (const d of page) ws.send(deliveryMessage(d));
      return ws.bufferedAmount < HIGH_WATER;
    },
    // ws has no 'drain' event: poll the buffer, which only matters for a stalled consumer.
    drained: async () => {
      while (ws.readyState === ws.OPEN && ws.bufferedAmount > LOW_WATER) await new Promise((r) => setTimeout(r, 20));
    },
    ping: () => ws.ping(),
    end: () => ws.close(1000),
    onClose: (cb) => (ws.readyState >= ws.CLOSING ? cb() : ws.on('close', cb)),
  };
}

/**
 * GET /channels/<channel>/ws (WebSocket upgrade): the same subscription as the SSE route, each
 * event one JSON text message `{"type": "delivery" | "caught-up" | …, …data}`. Same token, same
 * cursors (`Last-Event-ID` header or `?after=`).
 */
export function attachWebSocket(ctx: RelayContext, server: Server, hostAllowed: (req: IncomingMessage) => boolean): { close: () => void } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    void (async () => {
      if (!hostAllowed(req)) return refuse(socket, 421, 'host_not_allowed', 'this relay does not serve that host name');
      const url = requestUrl(req);
      if (!url) return refuse(socket, 400, 'bad_request', 'the request target is not a valid path');
      const { route, channel } = relayRouteOf(url.pathname) ?? { route: null, channel: '' };
      if (route !== 'websocket' || !CHANNEL_NAME.test(channel)) {
        return refuse(socket, 404, 'not_found', 'WebSocket subscriptions live at /channels/<channel>/ws');
      }
      const a = await admit(ctx, req, url, channel);
      if (!a.ok) return refuse(socket, a.status, a.error, a.message);
      // handleUpgrade never calls back for a socket that died meanwhile: the slot goes with the socket.
      socket.once('close', a.release);
      wss.handleUpgrade(req, socket, head, (ws) => {
        // Consoles only listen; anything they send is ignored (maxPayload bounds it).
        ws.on('error', () => ws.terminate());
        runSubscription(ctx, a, wsSink(ws), () => {}).catch((e: unknown) => {
          ctx.log('error', 'websocket subscription failed', { channel, error: (e as Error).message });
          ws.terminate();
        });
      });
    })().catch((e: unknown) => {
      ctx.log('error', 'websocket upgrade failed', { error: (e as Error).message });
      refuse(socket, 503, 'unavailable', 'the relay could not open the subscription');
    });
  });
  return {
    close: () => {
      for (const c of wss.clients) c.terminate();
      wss.close();
    },
  };
}
