import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { BridgeAuth, Refusal } from './bridge-auth.ts';
import { requestUrl } from './bridge-http.ts';
import type { EventBridge } from './event-bridge.ts';

export const PUSH_PATH = '/api/events';

/**
 * The push channel: a one-way WebSocket (main → renderer) on the bridge's server, admitted by the
 * same checks as every request. Returns the function that closes it.
 */
export function attachPushSocket(server: Server, auth: BridgeAuth, events: EventBridge): () => void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const clients = new Set<WebSocket>();
  server.on('upgrade', (req, socket, head) => {
    const target = requestUrl(req.url);
    const refused: Refusal | null = !target
      ? [400, 'Malformed request URL.']
      : (auth.refuse(req, target.url) ?? (target.url.pathname === PUSH_PATH ? null : [404, 'Not found']));
    if (refused) {
      socket.end(`HTTP/1.1 ${refused[0]} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      ws.on('message', () => {}); // the socket is one-way
    });
  });
  // Frames are sent once per event-loop turn, after the I/O of that turn: at 1,000 webhook
  // deliveries/s, a frame per delivery written inline delayed the deliveries' own acks.
  let frames: string[] = [];
  const flushFrames = () => {
    const batch = frames;
    frames = [];
    for (const ws of clients) if (ws.readyState === ws.OPEN) for (const f of batch) ws.send(f);
  };
  // Webhook deliveries arrive gathered per event-bridge window: one frame carries them all, in order.
  const removeSink = events.addBatchSink((name, payloads) => {
    if (clients.size === 0) return;
    frames.push(JSON.stringify(payloads.length === 1 ? { name, payload: payloads[0] } : { name, payloads }));
    if (frames.length === 1) setImmediate(flushFrames);
  });
  return () => {
    removeSink();
    for (const ws of clients) ws.terminate();
    wss.close();
  };
}
