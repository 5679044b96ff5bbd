import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { envelope, signed, startConsole, tempDir, type Console } from './harness.ts';
import { waitFor } from '../../../integration/webhooks-support.ts';

// A console asleep for an hour catches up deliveries OMS signed an hour ago. The signature
// window (5 min) is measured against when the relay stored each one, not against the console's
// clock at catch-up, or every delivery missed while offline would be refused in enforce.

describe('relay catch-up after a long sleep', () => {
  let server: Server;
  let c: Console;
  let tmp: ReturnType<typeof tempDir>;
  afterEach(async () => {
    await c.stop();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    tmp.remove();
  });

  it('verifies in enforce a delivery signed when the relay stored it, an hour before the console read it', async () => {
    const hourAgo = Date.now() - 3_600_000;
    const frame = (id: string, ts: number, receivedAt: number) => {
      const body = envelope(id, 'customer.updated', `cst_${id}`);
      const data = { cursor: id.replace(/\D/g, ''), receivedAt: new Date(receivedAt).toISOString(), headers: signed(id, body, { ts: Math.floor(ts / 1000) }), bodyBase64: Buffer.from(body).toString('base64') };
      return `id: ${data.cursor}\nevent: delivery\ndata: ${JSON.stringify(data)}\n\n`;
    };
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      // The first was stored an hour ago, signed then; the second claims an old signature but
      // was stored just now: a replay, still refused.
      res.write(`${frame('evt_1', hourAgo, hourAgo + 2_000)}${frame('evt_2', hourAgo, Date.now())}event: caught-up\ndata: {"count":2,"cursor":"2"}\n\n`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    tmp = tempDir();
    c = await startConsole(tmp.dir);
    await c.subsystem.configure({ relayUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/channels/acme/events`, relayToken: 'rly_test_token_0123' });
    await waitFor(() => c.subsystem.status().relay?.caughtUp === 2, 'caught up');
    const rows = c.subsystem.inbox.list({}).items;
    expect(rows.find((e) => e.eventId === 'evt_1')).toMatchObject({ verdict: 'verified', applied: true });
    expect(rows.find((e) => e.eventId === 'evt_2')).toMatchObject({ verdict: 'stale_timestamp', applied: false });
  });
});
