import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListenerStatus } from '#shared/ipc/inbox.contract.ts';
import { createConsole, type ConsoleApp } from '../../src-main/app/composition.ts';
import { MemorySecretStore } from '../../src-main/secrets/memory-secret-store.ts';
import { tempDir } from '../unit/main/webhooks/harness.ts';
import { consoleCalls, waitFor } from './webhooks-support.ts';

/**
 * Without a keychain the relay token lives in memory: the status says so, and after a restart the
 * console says the token was forgotten and asks for it again, instead of connecting without it and
 * reporting the relay's refusal.
 */
describe('relay token on a machine without a keychain', () => {
  let tmp: ReturnType<typeof tempDir>;
  let app: ConsoleApp;
  let server: Server;
  let relayUrl: string;
  const seen: IncomingHttpHeaders[] = [];
  const open = () =>
    createConsole({ transport: 'browser', dataDir: tmp.dir, version: 'test', secretStore: new MemorySecretStore('memory'), sandbox: { seed: 1 }, webhookPort: 0 });
  const { call } = consoleCalls(() => app);
  const status = () => call<ListenerStatus>('inbox.listenerStatus', {});

  beforeAll(async () => {
    tmp = tempDir();
    // A relay as it answers: 401 without a bearer token, an open event stream with one.
    server = createServer((req, res) => {
      seen.push(req.headers);
      if (!req.headers.authorization) res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"missing_token"}');
      else res.writeHead(200, { 'content-type': 'text/event-stream' }).write(': open\n\n');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    relayUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/channels/ops/events`;
    app = await open();
  });
  afterAll(async () => {
    await app?.close();
    server?.closeAllConnections();
    server?.close();
    tmp.remove();
  });

  it('says the token is kept in memory, then forgotten after a restart, and takes it again', async () => {
    const saved = await call<ListenerStatus>('inbox.configureListener', { relayUrl, relayToken: 'rly_memory_token_123456' });
    expect(saved.relay).toMatchObject({ tokenStorage: 'memory' });
    expect(saved.relay!.tokenFingerprint).toMatch(/^sha256:/);
    await app.close();

    seen.length = 0;
    app = await open();
    await app.webhooks.registration;
    const after = await waitFor(async () => ((await status()).relay?.problem ? await status() : null), 'the relay problem after the restart');
    expect(after.relay!.problem).toMatch(/^Token forgotten/);
    expect(after.relay!.problem).toContain('kept in memory only');
    expect(after.relay!.problem).not.toContain('refused');
    expect(after.relay!.problem).toContain(saved.relay!.tokenFingerprint!);
    await new Promise((r) => setTimeout(r, 300));
    // Nothing was sent to the relay without its token.
    expect(seen.filter((h) => !h.authorization)).toEqual([]);

    const again = await call<ListenerStatus>('inbox.configureListener', { relayToken: 'rly_memory_token_123456' });
    expect(again.relay).toMatchObject({ tokenStorage: 'memory', problem: null });
    await waitFor(() => seen.some((h) => h.authorization === 'Bearer rly_memory_token_123456'), 'the relay asked with the token');
  });
});
