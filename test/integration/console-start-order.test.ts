import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, startTestConsole, type TestConsole } from './main-support/console.ts';

/**
 * What a start does before the first page asks for anything: the local sandbox's thread is under
 * way at once, and an entry may serve its page while the webhook listener's thread comes up.
 */
describe('console start order', () => {
  let t: TestConsole | null = null;
  let blocker: Server | null = null;
  afterEach(async () => {
    await t?.close();
    t = null;
    await new Promise<void>((r) => (blocker ? blocker.close(() => r()) : r()));
    blocker = null;
  });

  it('starts the local sandbox with no OMS call, even when no listener is there to register with it', async () => {
    // The listener's port is taken: no listener, so no registration reaches the sandbox either.
    blocker = createServer();
    await new Promise<void>((r) => blocker!.listen(0, '127.0.0.1', () => r()));
    const taken = (blocker.address() as AddressInfo).port;
    const workers: Worker[] = [];
    t = await startTestConsole({ webhookPort: taken, sandbox: { seed: 5, onWorker: (w) => workers.push(w) } });
    expect(t.app.webhooks.status().port).toBeNull();
    const sb = await eventually(async () => t!.app.services.local.handle, 'the local sandbox listening without being asked', 500);
    expect(workers).toHaveLength(1);
    expect(t.outputs).toEqual([]);
    expect(sb.threadId).toBe(workers[0]!.threadId);
    expect(t.logs.some((l) => l.includes('local sandbox listening at') && l.includes('first start: seeded'))).toBe(true);
  });

  it('waitForListener false: resolves before the listener thread is up, which follows; a close in between stops both', async () => {
    t = await startTestConsole({ waitForListener: false });
    // Nothing has bound yet: the caller can serve its first page meanwhile.
    expect(t.app.webhooks.status().port).toBeNull();
    await t.app.listenerStarted;
    expect(t.app.webhooks.status().state).toBe('listening');
    expect(t.app.webhooks.status().port).toBeGreaterThan(0);

    // Closed before its listener is up: close waits for the start rather than racing it.
    const early = await startTestConsole({ waitForListener: false });
    await early.close();
    expect(early.app.webhooks.status().state).toBe('stopped');
  });
});
