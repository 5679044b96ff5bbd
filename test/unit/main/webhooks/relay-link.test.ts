import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../../src-main/lib/event-bus.ts';
import { openDatabase, type Db } from '../../../../src-main/store/database.ts';
import { RelayCursorStore } from '../../../../src-main/webhooks/listener-config.ts';
import { ListenerHealth } from '../../../../src-main/webhooks/listener-health.ts';
import { isOurRelay, SMEE_NOTE, withSmeeNote, type RelayClient } from '../../../../src-main/webhooks/relay-kind.ts';
import { startRelayLink } from '../../../../src-main/webhooks/relay-link.ts';
import type { RawDelivery } from '../../../../src-main/webhooks/webhook-server.ts';
import { tempDir } from './harness.ts';

// One relay URL, two protocols: the token decides which client dials, and each behaves as its own.
describe('relay link: the token picks the client', () => {
  let server: Server;
  let db: Db;
  let tmp: ReturnType<typeof tempDir>;
  let client: RelayClient | null = null;
  const dials: { auth: string | undefined }[] = [];
  const received: { delivery: RawDelivery; at: number | null }[] = [];
  const reconciled: string[] = [];

  beforeEach(async () => {
    tmp = tempDir();
    db = openDatabase(join(tmp.dir, 'console.db'));
    const stored = new Date(Date.now() - 60_000).toISOString();
    const body = Buffer.from('{"id":"evt_relay"}').toString('base64');
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      dials.push({ auth: req.headers.authorization });
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      // Both kinds of event on one stream: each client must take only its own.
      res.write(`event: delivery\nid: 5\ndata: ${JSON.stringify({ cursor: '5', receivedAt: stored, headers: { 'webhook-id': 'evt_relay' }, bodyBase64: body })}\n\n`);
      res.write(`data: ${JSON.stringify({ 'webhook-id': 'evt_smee', body: { id: 'evt_smee' } })}\n\n`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  });

  afterEach(async () => {
    client?.close();
    client = null;
    dials.length = received.length = reconciled.length = 0;
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    db.close();
    tmp.remove();
  });

  const start = (token: string | null) => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/channel`;
    const health = new ListenerHealth(new EventBus());
    const cursors = new RelayCursorStore(db);
    client = startRelayLink(
      { health, cursors, receive: async (delivery, at) => void received.push({ delivery, at }), reconcile: (cause) => void reconciled.push(cause), backoffMs: [10_000] },
      'local', url, token,
    );
    return { health, cursors, url };
  };
  const until = async (ok: () => boolean) => {
    for (const end = Date.now() + 3000; !ok(); ) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 5));
    }
  };

  it('with a token: our relay client, bearer sent, relay deliveries judged at their stored time, cursor saved', async () => {
    const { health, cursors, url } = start('rly_token_1');
    await until(() => received.length === 1 && cursors.get('local', url) === '5');
    expect(dials[0]?.auth).toBe('Bearer rly_token_1');
    expect(received[0]!.delivery.headers['webhook-id']).toBe('evt_relay');
    expect(received[0]!.at).toBeLessThan(Date.now() - 50_000);
    expect(health.get().relay?.tokenFingerprint).not.toBeNull();
    expect(reconciled).toEqual([]);
  });

  it('without a token: the smee client, no credential, smee messages judged now, open customers re-read on connect', async () => {
    const { health, cursors, url } = start(null);
    await until(() => received.length === 1 && reconciled.length === 1);
    expect(dials[0]?.auth).toBeUndefined();
    expect(received[0]!.delivery.headers['webhook-id']).toBe('evt_smee');
    expect(received[0]!.at).toBeNull();
    expect(reconciled).toEqual(['relay connected']);
    expect(cursors.get('local', url)).toBeNull();
    expect(health.get().relay?.tokenFingerprint).toBeNull();
  });

  it('the rule: a non-empty token (or its fingerprint) is our relay', () => {
    expect(isOurRelay('rly_x')).toBe(true);
    expect([null, undefined, ''].map(isOurRelay)).toEqual([false, false, false]);
  });

  it('the status warns of smee only under enforce, and never over another problem or for our relay', () => {
    const status = new ListenerHealth(new EventBus()).get();
    const relay = { connected: true, cursor: null, lagMs: null, lastDeliveryAt: null, caughtUp: null, tokenFingerprint: null, tokenStorage: null, problem: null };
    expect(withSmeeNote({ ...status, verification: 'enforce', relay }).relay?.problem).toBe(SMEE_NOTE);
    expect(withSmeeNote({ ...status, verification: 'report-only', relay }).relay?.problem).toBeNull();
    expect(withSmeeNote({ ...status, verification: 'enforce', relay: { ...relay, tokenFingerprint: 'fp_1' } }).relay?.problem).toBeNull();
    expect(withSmeeNote({ ...status, verification: 'enforce', relay: { ...relay, problem: 'Token refused' } }).relay?.problem).toBe('Token refused');
    expect(withSmeeNote({ ...status, verification: 'enforce', relay: null }).relay).toBeNull();
  });
});
