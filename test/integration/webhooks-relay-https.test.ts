import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, failure, startTestConsole, unwrap, type TestConsole } from './main-support/console.ts';

/** The relay token is a bearer credential: it goes over HTTPS, or plain HTTP to this machine only. */
describe('relay URL: HTTPS only, loopback aside', () => {
  let t: TestConsole;
  let server: Server;
  const seen: IncomingHttpHeaders[] = [];
  let lanUrl: string;

  beforeAll(async () => {
    t = await startTestConsole();
    // 127.0.0.2 stands in for a host on the network: reachable here, but not one of the loopback names.
    server = createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { 'content-type': 'text/event-stream' }).write(': hello\n\n');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.2', r));
    lanUrl = `http://127.0.0.2:${(server.address() as AddressInfo).port}/channels/ops/events`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    server?.close();
    await t?.close();
  });

  it.each([
    ['http to a remote host', 'http://relay.example.com/channels/ops/events'],
    ['http to a loopback name as userinfo', 'http://localhost@relay.example.com/channels/ops/events'],
    ['http to another address', 'http://127.0.0.2:4000/channels/ops/events'],
  ])('%s is refused, naming relayUrl', async (_label, relayUrl) => {
    const e = failure(await t.oms.inbox.configureListener({ relayUrl, relayToken: 'rly_test_token_123456' }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toContain('relayUrl');
    expect(e.message).toContain('https');
  });

  it('https anywhere and http on loopback pass the contract', async () => {
    for (const relayUrl of ['https://relay.example.com/channels/ops/events', 'http://127.0.0.1:9/channels/ops/events', 'http://[::1]:9/channels/ops/events']) {
      unwrap(await t.oms.inbox.configureListener({ relayUrl }));
    }
    unwrap(await t.oms.inbox.configureListener({ relayUrl: null }));
  });

  it('an http relay URL saved before the rule is not connected to: the token never leaves', async () => {
    unwrap(await t.oms.inbox.configureListener({ relayToken: 'rly_canary_token_987654' }));
    t.app.webhooks.config.set('local', { relayUrl: lanUrl });
    t.app.bus.publish('event.session.profileChanged', { profileId: 'local' });
    const status = await eventually(async () => {
      const s = unwrap(await t.oms.inbox.listenerStatus({}));
      return s.detail?.includes('not HTTPS') ? s : null;
    }, 'the listener says why the relay is not started', 100);
    expect(status.detail).toContain(lanUrl);
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toEqual([]);
  });
});
