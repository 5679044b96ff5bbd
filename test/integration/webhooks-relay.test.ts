import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '#shared/events/events.contract.ts';
import { customerView, envelope, settle, signed, startConsole, tempDir, type Console } from '../unit/main/webhooks/harness.ts';
import { waitFor } from './webhooks-support.ts';

/** Stands in for a smee.io channel: SSE with `ready`, `ping` and one message per forwarded request. */
class FakeRelay {
  server: Server;
  clients = new Set<ServerResponse>();
  connections = 0;
  refusing = false;
  port = 0;

  constructor() {
    this.server = createServer((req, res) => {
      if (this.refusing || req.headers.accept !== 'text/event-stream') {
        res.writeHead(503).end();
        return;
      }
      this.connections += 1;
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write('event: ready\ndata: {}\n\n');
      this.clients.add(res);
      res.on('close', () => this.clients.delete(res));
    });
  }
  async start(port = 0) {
    await new Promise<void>((r) => this.server.listen(port, '127.0.0.1', () => r()));
    this.port = (this.server.address() as AddressInfo).port;
    return `http://127.0.0.1:${this.port}/channel-abc`;
  }
  /** Forwards a request the way smee does: lower-cased headers at the top level, body parsed. */
  forward(headers: Record<string, string>, rawBody: string) {
    const msg = { ...Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])), body: JSON.parse(rawBody), query: {}, timestamp: Date.now() };
    for (const c of this.clients) c.write(`id: ${Date.now()}\ndata: ${JSON.stringify(msg)}\n\n`);
  }
  ping() {
    for (const c of this.clients) c.write(`event: ping\ndata: {}\n\n`);
  }
  drop() {
    for (const c of this.clients) c.destroy();
  }
  close() {
    this.drop();
    this.server.closeAllConnections();
    return new Promise<void>((r) => this.server.close(() => r()));
  }
}

type Changed = EventPayload<'event.customers.refetched'>;

describe('relay client (smee protocol)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let relay: FakeRelay;
  let url: string;
  let c: Console;
  beforeEach(async () => {
    tmp = tempDir();
    relay = new FakeRelay();
    url = await relay.start();
    c = await startConsole(tmp.dir, { relayBackoffMs: [20, 50], watchdogMs: 50, relayStaleMs: 60_000, api: new Map([['cst_open', customerView('cst_open', 'active')]]) });
    c.subsystem.openCustomers.touch('cst_open');
    await c.subsystem.configure({ relayUrl: url });
    await waitFor(() => c.subsystem.status().state === 'relay-connected', 'relay connected');
  });
  afterEach(async () => {
    await c.stop();
    await relay.close();
    tmp.remove();
  });

  const compact = (id: string, cst: string) => JSON.stringify(JSON.parse(envelope(id, 'customer.endorsement.granted', cst)));

  it('deliveries arrive through the channel and are verified', async () => {
    const body = compact('evt_relay1', 'cst_r');
    relay.forward(signed('evt_relay1', body), body);
    const entry = await waitFor(() => c.subsystem.inbox.list({}).items.find((e) => e.eventId === 'evt_relay1'), 'relayed delivery');
    expect(entry).toMatchObject({ source: 'relay', verdict: 'verified', applied: true });
    await settle(c);
    expect(c.pushes.some((p) => p.name === 'event.customers.refetched' && (p.payload as Changed).customerId === 'cst_r')).toBe(true);
    expect(c.subsystem.status()).toMatchObject({ relayUrl: url, lastVerdict: 'verified' });
  });

  it('the status says a smee channel needs report-only (no token, so no fingerprint and no cursor)', async () => {
    expect(c.subsystem.status().relay).toMatchObject({ connected: true, tokenFingerprint: null, cursor: null });
    expect(c.subsystem.status().relay?.problem).toContain('works only in report-only');
    c.setMode('report-only');
    await waitFor(() => c.subsystem.status().relay?.connected, 'still connected');
    expect(c.subsystem.status().relay?.problem).toBeNull();
  });

  it('a body the relay re-serialised is named as such; enforce refuses it, report-only applies it flagged', async () => {
    const pretty = JSON.stringify(JSON.parse(compact('evt_pretty', 'cst_p')), null, 2);
    relay.forward(signed('evt_pretty', pretty), pretty);
    const refused = await waitFor(() => c.subsystem.inbox.list({}).items.find((e) => e.eventId === 'evt_pretty'), 'pretty delivery');
    expect(refused).toMatchObject({ verdict: 'bad_signature', applied: false });
    expect(refused.reason).toContain('re-serialised');
    c.setMode('report-only');
    await waitFor(() => c.subsystem.status().state === 'relay-connected', 'still connected');
    relay.forward(signed('evt_pretty', pretty), pretty);
    await waitFor(() => c.subsystem.inbox.list({}).items.find((e) => e.eventId === 'evt_pretty' && e.applied), 'report-only apply');
  });

  it('the relay dropping and coming back reconnects and reconciles the open customers', async () => {
    const before = c.subsystem.reconciliations.filter((r) => r === 'relay connected').length;
    const reconcilePushes = () => c.pushes.filter((p) => p.name === 'event.customers.refetched' && (p.payload as Changed).cause === 'reconcile').length;
    const pushesBefore = reconcilePushes();
    relay.refusing = true;
    relay.drop();
    await waitFor(() => c.subsystem.status().state === 'reconnecting', 'reconnecting state');
    relay.refusing = false;
    await waitFor(() => c.subsystem.status().state === 'relay-connected', 'connected again');
    expect(c.subsystem.reconciliations.filter((r) => r === 'relay connected').length).toBe(before + 1);
    await settle(c);
    await waitFor(() => { c.bridge.flush(); return reconcilePushes() > pushesBefore; }, 'reconcile push');
    // And deliveries flow again on the new connection.
    const body = compact('evt_after', 'cst_a');
    relay.forward(signed('evt_after', body), body);
    await waitFor(() => c.subsystem.inbox.list({}).items.find((e) => e.eventId === 'evt_after' && e.verdict === 'verified'), 'delivery after reconnect');
  });

  it('a silent channel is marked stale and redialled by the watchdog', async () => {
    await c.stop();
    c = await startConsole(tmp.dir, { relayBackoffMs: [20], watchdogMs: 50, relayStaleMs: 200 });
    await waitFor(() => c.subsystem.status().state === 'relay-connected', 'connected');
    const dialled = relay.connections;
    const states: string[] = [];
    c.bus.on('event.webhooks.statusChanged', (s) => states.push(s.state));
    await waitFor(() => relay.connections > dialled, 'a redial after silence');
    expect(states).toContain('stale');
    relay.ping();
  });
});

