import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { deliveryFromRelayEvent, startRelayClient, type RelayClientOptions } from '../../../../src-main/webhooks/relay-client.ts';
import type { RelayClient } from '../../../../src-main/webhooks/relay-kind.ts';

// The console side of our relay's SSE protocol, against a real HTTP server per test that
// plays the relay's part frame by frame (the relay itself is exercised in test/integration/relay-console.test.ts).

const frame = (cursor: string, body: string | Buffer) =>
  `id: ${cursor}\nevent: delivery\ndata: ${JSON.stringify({ cursor, receivedAt: new Date().toISOString(), headers: { 'webhook-id': `msg_${cursor}`, 'Content-Type': 'application/json' }, bodyBase64: Buffer.from(body).toString('base64') })}\n\n`;

describe('relay delivery event → delivery', () => {
  it('hands over the exact bytes: pretty-printed, non-ASCII, even invalid UTF-8', () => {
    const pretty = '{\n    "id": "evt_1",\n    "name": "Zoë — 東京"\n}\n';
    const raw = Buffer.concat([Buffer.from(pretty), Buffer.from([0xff, 0xfe])]);
    const data = JSON.parse(frame('41', raw).split('data: ')[1]!) as Record<string, unknown>;
    const d = deliveryFromRelayEvent(JSON.stringify(data))!;
    expect(d.delivery.rawBody.equals(raw)).toBe(true);
    expect(d.delivery.headers).toEqual({ 'webhook-id': 'msg_41', 'content-type': 'application/json' });
    expect(d.meta.cursor).toBe('41');
  });

  it('refuses what is not a relay delivery', () => {
    expect(deliveryFromRelayEvent('not json')).toBeNull();
    expect(deliveryFromRelayEvent(JSON.stringify({ headers: {}, bodyBase64: 'e30=' }))).toBeNull(); // no cursor
    expect(deliveryFromRelayEvent(JSON.stringify({ cursor: '1', headers: {}, bodyBase64: '%%%' }))).toBeNull();
    expect(deliveryFromRelayEvent(JSON.stringify({ cursor: '1', headers: [], bodyBase64: 'e30=' }))).toBeNull();
  });
});

describe('relay client (our relay protocol)', () => {
  let server: Server;
  let client: RelayClient | null = null;
  const dials: { at: number; auth?: string; lastEventId?: string }[] = [];
  afterEach(async () => {
    client?.close();
    client = null;
    dials.length = 0;
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  /** `script(n, res)` answers the n-th dial (from 0). */
  async function relay(script: (n: number, res: ServerResponse) => void): Promise<string> {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      dials.push({ at: Date.now(), auth: req.headers.authorization, lastEventId: req.headers['last-event-id'] as string | undefined });
      script(dials.length - 1, res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/channels/acme/events`;
  }
  const sse = (res: ServerResponse, text: string) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(text);
  };
  const start = (url: string, over: Partial<RelayClientOptions> = {}) => {
    client = startRelayClient({ url, token: 'rly_test_token', backoffMs: [10], onDelivery: async () => {}, onConnected: () => {}, onDisconnected: () => {}, ...over });
    return client;
  };
  const until = async (ok: () => boolean, ms = 3000) => {
    for (const end = Date.now() + ms; !ok(); ) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 5));
    }
  };

  it('sends the token and the saved cursor; moves the cursor only past stored deliveries and resumes from there', async () => {
    const url = await relay((n, res) => (n === 0 ? sse(res, `retry: 20\n\n${frame('7', '{"a":1}')}${frame('8', '{"a":2}')}`) : sse(res, frame('8', '{"a":2}'))));
    const saved: string[] = [];
    let failOnce = true;
    start(url, {
      cursor: '6',
      onCursor: (c) => saved.push(c),
      // The inbox refuses #8 once (e.g. the disk is full): its cursor must not be saved.
      onDelivery: async (_d, meta) => {
        if (meta?.cursor === '8' && failOnce) {
          failOnce = false;
          throw new Error('disk full');
        }
      },
    });
    await until(() => saved.includes('8'));
    expect(saved).toEqual(['7', '8']);
    expect(dials.map((d) => d.auth)).toEqual(['Bearer rly_test_token', 'Bearer rly_test_token']);
    expect(dials.map((d) => d.lastEventId)).toEqual(['6', '7']);
  });

  it('caught-up, gap and reset reach the console; after reset no cursor is sent', async () => {
    const url = await relay((n, res) => {
      if (n === 0) sse(res, `retry: 20\n\nevent: reset\ndata: {"reason":"cursor_ahead"}\n\n${frame('1', '{}')}event: caught-up\ndata: {"count":1,"cursor":"1"}\n\n`);
      else sse(res, 'event: gap\ndata: {"reason":"pruned","cursor":"1","prunedThrough":"5"}\n\nevent: caught-up\ndata: {"count":0,"cursor":"9"}\n\n');
      if (n === 0) setTimeout(() => res.destroy(), 50);
    });
    const seen: string[] = [];
    start(url, {
      cursor: '99',
      onReset: () => seen.push('reset'),
      onCursor: (c) => seen.push(`cursor ${c}`),
      onCaughtUp: (k) => seen.push(`caught-up ${k}`),
      onGap: (g) => seen.push(`gap ${String(g.prunedThrough)}`),
    });
    await until(() => seen.includes('caught-up 0'));
    expect(seen).toEqual(['reset', 'cursor 1', 'caught-up 1', 'gap 5', 'caught-up 0']);
    expect(dials.map((d) => d.lastEventId)).toEqual(['99', '1']);
  });

  it('a refused token (401) stops the client: reported once, never redialled', async () => {
    const url = await relay((_n, res) => res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"revoked_token","message":"token tok_1 was revoked"}'));
    const refused: string[] = [];
    const c = start(url, { onRefused: (why) => refused.push(why) });
    await until(() => refused.length > 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(refused).toEqual(['the relay refused the token (revoked_token)']);
    expect(dials).toHaveLength(1);
    expect(c.refused).toBe(true);
    c.reconnectNow();
    await new Promise((r) => setTimeout(r, 50));
    expect(dials).toHaveLength(1);
  });

  it('a revoked event ends the stream for good', async () => {
    const url = await relay((_n, res) => sse(res, `${frame('1', '{}')}event: revoked\ndata: {}\n\n`));
    const refused: string[] = [];
    start(url, { onRefused: (why) => refused.push(why) });
    await until(() => refused.length > 0);
    await new Promise((r) => setTimeout(r, 200));
    expect(refused).toEqual(['the relay revoked this token']);
    expect(dials).toHaveLength(1);
  });

  it('429 waits as long as Retry-After says, whatever the back-off', async () => {
    const url = await relay((n, res) => (n === 0 ? res.writeHead(429, { 'retry-after': '1' }).end('{"error":"too_many_streams"}') : sse(res, ': ping\n\n')));
    const problems: (string | null)[] = [];
    start(url, { onProblem: (p) => problems.push(p) });
    await until(() => dials.length === 2, 5000);
    expect(dials[1]!.at - dials[0]!.at).toBeGreaterThanOrEqual(950);
    expect(problems[0]).toContain('too_many_streams');
    await until(() => problems.at(-1) === null);
  });

  it('a stream silent for deadMs is treated as dead and redialled', async () => {
    const url = await relay((_n, res) => sse(res, 'retry: 10\n\n')); // then nothing, not even pings
    const drops: string[] = [];
    start(url, { deadMs: 150, onDisconnected: (why) => drops.push(why) });
    await until(() => dials.length >= 2);
    expect(drops[0]).toBe('no bytes from the relay for 150 ms');
    expect(dials[1]!.at - dials[0]!.at).toBeLessThan(1500);
  });
});
