import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { LISTENER_LATEST_START_MS } from '../../src-main/app/composition.ts';
import { eventually, startTestConsole, unwrap, type TestConsole } from './main-support/console.ts';

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

  it('after-first-answer: the listener stays down until the first customer search is answered, then comes up, registers and stores a webhook unasked', async () => {
    t = await startTestConsole({ waitForListener: false, listenerStart: 'after-first-answer' });
    // Past the moment an undeferred start would have bound (the previous test's listener is up by then).
    await new Promise((r) => setTimeout(r, 300));
    expect(t.app.webhooks.status()).toMatchObject({ state: 'stopped', port: null });
    expect(t.app.webhooks.status().detail).toMatch(/first screen/);

    const page = unwrap(await t.oms.customers.search({ q: '' }));
    expect(page.items.length).toBeGreaterThan(0);
    // Nothing asks for the listener's status: the start follows from the answer alone.
    await t.app.listenerStarted;
    expect(t.app.webhooks.status()).toMatchObject({ state: 'listening', detail: null });
    await eventually(async () => t!.app.webhooks.status().secretFingerprints.length > 0, 'the listener registered with the sandbox', 250);
    const c = unwrap(await t.oms.customers.create({ customer: { type: 'individual', firstName: 'Lena', lastName: 'Later', email: 'lena.later@example.com' } }));
    await eventually(async () => unwrap(await t!.oms.inbox.list({ customerId: c.id, limit: 10 })).items.find((e) => e.type === 'customer.created'), 'the customer.created delivery in the inbox', 500);
  });

  it('after-first-answer with no search: the listener starts on its own once the latest start time has passed', async () => {
    t = await startTestConsole({ waitForListener: false, listenerStart: 'after-first-answer' });
    const t0 = performance.now();
    await t.app.listenerStarted;
    expect(performance.now() - t0).toBeGreaterThan(LISTENER_LATEST_START_MS - 100);
    expect(t.app.webhooks.status().state).toBe('listening');
  });
});
