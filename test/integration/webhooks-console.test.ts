import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerView } from '#shared/domain/customer.ts';
import type { EventPayload } from '#shared/events/events.contract.ts';
import type { InboxEntry } from '#shared/ipc/inbox.contract.ts';
import { createConsole, type ConsoleApp } from '../../src-main/app/composition.ts';
import type { SecretStore } from '../../src-main/secrets/secret-store.ts';
import { tempDir } from '../unit/main/webhooks/harness.ts';
import { consoleCalls, freePort, waitFor } from './webhooks-support.ts';

type Changed = EventPayload<'event.customers.refetched'>;

/**
 * Stands in for the OS keychain (durable across console restarts, kind 'keychain'): the vault keeps
 * the local profile's secrets in its own memory when the store is only 'memory', and a restart then
 * re-registers the listener (see src-main/webhooks/README.md).
 */
function durableStore(): SecretStore {
  const m = new Map<string, string>();
  return {
    kind: 'keychain',
    get: async (a) => m.get(a) ?? null,
    set: async (a, v) => void m.set(a, v),
    delete: async (a) => m.delete(a),
    list: async (p) => [...m.keys()].filter((k) => k.startsWith(p)).sort(),
  };
}

/**
 * The "done when", minus the browser: the real composition root on the local profile, its
 * embedded sandbox, a decision, the push a renderer would get, the inbox, a restart.
 */
describe('webhooks through the composition root (local profile)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let port: number;
  const keychain = durableStore();
  let app: ConsoleApp;
  const pushes: Changed[] = [];
  const open = async () => {
    const a = await createConsole({ transport: 'browser', dataDir: tmp.dir, version: 'test', secretStore: keychain, sandbox: { seed: 1, reviewDelayMs: 0, retryScale: 0.001 }, webhookPort: port });
    a.events.addSink((name, payload) => name === 'event.customers.refetched' && pushes.push(payload as Changed));
    await a.webhooks.registration;
    return a;
  };
  const { call, control } = consoleCalls(() => app);
  const isActive = (c: CustomerView) => c.endorsements.some((e) => e.name === 'basic' && e.status === 'active');

  beforeAll(async () => {
    tmp = tempDir();
    port = await freePort();
    app = await open();
  });
  afterAll(async () => {
    await app?.close();
    tmp.remove();
  });

  it('registers the listener with the embedded sandbox and reports it', async () => {
    const s = await call<{ state: string; url: string; secretFingerprints: string[] }>('inbox.listenerStatus', {});
    expect(s).toMatchObject({ state: 'listening', url: `http://127.0.0.1:${port}/webhooks/oms` });
    expect(s.secretFingerprints).toHaveLength(1);
  });

  it('a sandbox decision reaches the renderer push and the inbox, verified', async () => {
    expect(await control('/review-mode', 'PUT', { mode: 'manual' })).toBe(200);
    const created = await call<CustomerView>('customers.create', { customer: { type: 'individual', firstName: 'Grace', lastName: 'Hopper' } });
    await call('customers.get', { customerId: created.id });
    expect(await control(`/customers/${created.id}/endorsements/basic/decision`, 'POST', { decision: 'approve' })).toBe(200);
    await waitFor(() => pushes.some((p) => p.customerId === created.id && isActive(p.customer)), 'the live push');
    const log = await call<{ items: InboxEntry[] }>('inbox.list', { customerId: created.id });
    expect(log.items.length).toBeGreaterThan(0);
    expect(log.items.every((e) => e.verdict === 'verified')).toBe(true);
  });

  it('killing and restarting the console loses and duplicates nothing', async () => {
    const created = await call<CustomerView>('customers.create', { customer: { type: 'individual', firstName: 'Alan', lastName: 'Turing' } });
    // The delivery is still scheduled (not sent) when the console goes away.
    await control('/faults', 'PUT', { webhooks: { delayMs: 1500 } });
    await control(`/customers/${created.id}/endorsements/basic/decision`, 'POST', { decision: 'approve' });
    await app.close();
    app = await open();
    const granted = () => call<{ items: InboxEntry[] }>('inbox.list', { customerId: created.id, type: 'customer.endorsement.granted' });
    // Deliveries acknowledged before the restart are re-applied from the inbox on start, so a push
    // may come before the delayed `granted` delivery itself: wait for that delivery, then the push.
    await waitFor(async () => ((await granted()).items.length > 0 ? true : null), 'the delivery after restart');
    await waitFor(() => pushes.some((p) => p.customerId === created.id && isActive(p.customer)), 'the push after restart');
    const first = await granted();
    expect(first.items.filter((e) => e.applied)).toHaveLength(1);
    // Let the background re-fetch of that delivery finish before counting pushes.
    await waitFor(() => app.webhooks.refresher.queued === 0, 'the background queue to drain');
    await app.webhooks.refresher.idle();
    app.events.flush();
    const before = pushes.filter((p) => p.customerId === created.id).length;
    expect(await control(`/events/${first.items[0]!.eventId}/send`, 'POST', { times: 5, concurrent: true })).toBe(200);
    const after = await waitFor(async () => ((await granted()).items.length >= first.items.length + 5 ? granted() : null), 'the resends');
    expect(after.items.filter((e) => e.applied)).toHaveLength(1);
    app.events.flush();
    expect(pushes.filter((p) => p.customerId === created.id)).toHaveLength(before);
  });
});
