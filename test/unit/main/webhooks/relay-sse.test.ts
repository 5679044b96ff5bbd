import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { RelayClient } from '../../../../src-main/webhooks/relay-kind.ts';
import { startSmeeClient } from '../../../../src-main/webhooks/smee-client.ts';
import type { RawDelivery } from '../../../../src-main/webhooks/webhook-server.ts';

// A real SSE server that uses the parts of the format a hand-written parser tends to ignore.

const smee = (id: string) => JSON.stringify({ 'webhook-id': id, 'content-type': 'application/json', body: { id, type: 'customer.updated' } });

describe('relay client SSE (eventsource-parser)', () => {
  let server: Server;
  let client: RelayClient | null = null;
  afterEach(async () => {
    client?.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('CR-only line ends and a BOM parse; retry: sets the reconnect wait; Last-Event-ID resumes', async () => {
    const seen: { at: number; lastEventId: string | undefined }[] = [];
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      seen.push({ at: Date.now(), lastEventId: req.headers['last-event-id'] as string | undefined });
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      if (seen.length === 1) {
        // First connection: BOM, CR line ends throughout, a retry hint, two ids, then the server drops.
        res.write('\uFEFFretry: 150\revent: ready\rdata: {}\r\r');
        res.write(`id: evt-1\rdata: ${smee('evt_1')}\r\r`);
        res.write(`id: evt-2\r:keep-alive\rdata: ${smee('evt_2')}\r\r`);
        setTimeout(() => res.destroy(), 20);
      } else {
        res.write(`id: evt-3\r\ndata: ${smee('evt_3')}\n\n`);
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/channel`;
    const deliveries: RawDelivery[] = [];
    let connected = 0;
    const done = new Promise<void>((resolve) => {
      client = startSmeeClient({
        url,
        // Far longer than the server's retry: a reconnect within it proves `retry:` was honoured.
        backoffMs: [10_000],
        onDelivery: async (d) => {
          deliveries.push(d);
          if (deliveries.length === 3) resolve();
        },
        onConnected: () => void (connected += 1),
        onDisconnected: () => {},
      });
    });
    await done;
    expect(deliveries.map((d) => d.headers['webhook-id'])).toEqual(['evt_1', 'evt_2', 'evt_3']);
    expect(JSON.parse(deliveries[0]!.rawBody.toString())).toEqual({ id: 'evt_1', type: 'customer.updated' });
    expect(connected).toBe(2);
    expect(seen[0]!.lastEventId).toBeUndefined();
    expect(seen[1]!.lastEventId).toBe('evt-2');
    const gap = seen[1]!.at - seen[0]!.at;
    expect(gap).toBeGreaterThanOrEqual(150);
    expect(gap).toBeLessThan(2_000);
  });
});
