import { createServer, type Server } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../integration/webhooks-support.ts';
import { envelope, settle, signed, startConsole, tempDir, type Console } from './harness.ts';
import { httpRequest } from './http-client.ts';

const until = async (ok: () => boolean, what: string) => {
  for (let i = 0; i < 300 && !ok(); i += 1) await new Promise((r) => setTimeout(r, 20));
  if (!ok()) throw new Error(`gave up waiting for ${what}`);
};

describe('listener port: the --webhook-port flag and a busy port at start', () => {
  let tmp: ReturnType<typeof tempDir>;
  let c: Console | null = null;
  let blocker: Server | null = null;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(async () => {
    await c?.stop();
    c = null;
    await new Promise((r) => (blocker ? blocker.close(r) : r(null)));
    blocker = null;
    tmp.remove();
  });

  it('the flag wins over the port saved for the profile, for that run, and the saved one is kept', async () => {
    const saved = await freePort();
    c = await startConsole(tmp.dir);
    await c.subsystem.configure({ port: saved });
    await c.stop();

    const flag = await freePort();
    c = await startConsole(tmp.dir, { defaultPort: flag, portOverride: flag });
    expect(c.subsystem.status()).toMatchObject({ state: 'listening', port: flag });
    expect(c.subsystem.config.get('local').port).toBe(saved);
    // Another listener setting changed during the run does not move it back.
    await c.subsystem.configure({ signatureVariant: null });
    expect(c.subsystem.status().port).toBe(flag);
    // The operator moving it is the one thing that does.
    const chosen = await freePort();
    await c.subsystem.configure({ port: chosen });
    expect(c.subsystem.status().port).toBe(chosen);
  });

  it('a port busy at start is tried again with backoff, the status says so, and it binds once free', async () => {
    const port = await freePort();
    blocker = createServer();
    await new Promise<void>((r) => blocker!.listen(port, '127.0.0.1', () => r()));
    c = await startConsole(tmp.dir, { defaultPort: port, portOverride: port, bindRetryMs: [100, 200] });
    expect(c.subsystem.status()).toMatchObject({ state: 'stopped', port: null });
    await until(() => c!.subsystem.status().detail?.includes(`Trying port ${port} again`) === true, 'the retry in the status');
    expect(c.subsystem.status().detail).toContain(`port ${port} is in use`);
    await new Promise((r) => blocker!.close(r));
    blocker = null;
    await until(() => c!.subsystem.status().state === 'listening', 'the listener to bind');
    expect(c.subsystem.status()).toMatchObject({ port, detail: null });
    const body = envelope('evt_late', 'customer.updated', 'cst_late');
    expect((await httpRequest(port, { headers: signed('evt_late', body), body })).status).toBe(200);
    await settle(c);
  });

  it('a settings change while the port is still busy does not end the retries', async () => {
    const port = await freePort();
    blocker = createServer();
    await new Promise<void>((r) => blocker!.listen(port, '127.0.0.1', () => r()));
    c = await startConsole(tmp.dir, { defaultPort: port, portOverride: port, bindRetryMs: [100, 200] });
    await expect(c.subsystem.configure({ signatureVariant: null })).rejects.toThrow(`port ${port} is in use`);
    await new Promise((r) => blocker!.close(r));
    blocker = null;
    await until(() => c!.subsystem.status().state === 'listening', 'the listener to bind after the failed change');
    expect(c.subsystem.status().port).toBe(port);
  });
});
