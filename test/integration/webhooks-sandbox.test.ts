import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '#shared/events/events.contract.ts';
import { settle, tempDir, type Console } from '../unit/main/webhooks/harness.ts';
import { startRig, waitFor, type Rig } from './webhooks-support.ts';

/**
 * End to end with the real sandbox: it registers nothing itself; the console registers its own
 * listener (local profile), the sandbox signs and delivers, the console verifies, stores, re-fetches
 * through the real OMS client and pushes through the real event bridge.
 */
describe('webhooks end to end with the sandbox', () => {
  let tmp: ReturnType<typeof tempDir>;
  let rig: Rig;
  let c: Console;
  beforeAll(async () => {
    tmp = tempDir();
    rig = await startRig(`${tmp.dir}/sandbox`);
    c = await rig.startConsole(`${tmp.dir}/console`);
  });
  afterAll(async () => {
    await c?.stop();
    await rig?.sandbox.close();
    tmp.remove();
  });

  type Changed = EventPayload<'event.customers.refetched'>;
  const pushesFor = (con: Console, id: string) =>
    con.pushes
      .filter((p) => p.name === 'event.customers.refetched' && (p.payload as Changed).customerId === id)
      .map((p) => p.payload as Changed);

  it('registers its own listener and keeps the secret in the keychain', async () => {
    const hooks = await rig.webhooks.list();
    expect(hooks.filter((h) => h.url === c.subsystem.status().url)).toHaveLength(1);
    expect(await rig.keychain.list('local/webhook/')).toHaveLength(1);
    expect(c.subsystem.status().secretFingerprints).toHaveLength(1);
  });

  it('an endorsement decision reaches the UI push as the API state, with a verified inbox row', async () => {
    const id = await rig.createCustomer();
    const r = await rig.control('POST', `/customers/${id}/endorsements/basic/decision`, { decision: 'approve' });
    expect(r.status).toBe(200);
    const push = await waitFor(
      () => pushesFor(c, id).find((p) => p.customer.endorsements.some((e) => e.name === 'basic' && e.status === 'active')),
      'the approval push',
    );
    expect(push.cause).toMatch(/^customer\./);
    const rows = c.subsystem.inbox.list({ customerId: id }).items;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((e) => e.verdict === 'verified')).toBe(true);
  });

  it('one event sent 50× concurrently, and again after a restart: one state change, one UI push, every delivery 2xx', async () => {
    // Hold the scheduled delivery back so the 50 copies are the first to arrive.
    await rig.control('PUT', '/faults', { webhooks: { delayMs: 600_000 } });
    const id = await rig.createCustomer();
    await rig.control('POST', `/customers/${id}/endorsements/basic/decision`, { decision: 'approve' });
    await rig.control('PUT', '/faults', {});
    const events = (await rig.control('GET', `/events?customerId=${id}&type=customer.endorsement.granted`)).json.data!;
    expect(events).toHaveLength(1);
    const eventId = events[0]!.id;
    await settle(c);
    const fetchesBefore = c.subsystem.refresher.fetches;
    const pushesBefore = pushesFor(c, id).length;

    const first = await rig.control('POST', `/events/${eventId}/send`, { times: 50, concurrent: true });
    expect(first.json.sent).toBe(50);
    expect(first.json.deliveries!.every((d: { status: string }) => d.status === 'succeeded')).toBe(true);
    await settle(c);
    const rows = c.subsystem.inbox.list({ limit: 500 }).items.filter((e) => e.eventId === eventId);
    expect(rows).toHaveLength(50);
    expect(rows.filter((e) => e.applied)).toHaveLength(1);
    expect(c.subsystem.refresher.fetches - fetchesBefore).toBe(1);
    expect(pushesFor(c, id).length - pushesBefore).toBe(1);

    await c.stop();
    c = await rig.startConsole(`${tmp.dir}/console`);
    await settle(c);
    const again = await rig.control('POST', `/events/${eventId}/send`, { times: 50, concurrent: true });
    expect(again.json.deliveries!.every((d: { status: string }) => d.status === 'succeeded')).toBe(true);
    await settle(c);
    const after = c.subsystem.inbox.list({ limit: 500 }).items.filter((e) => e.eventId === eventId);
    expect(after).toHaveLength(100);
    expect(after.filter((e) => e.applied)).toHaveLength(1);
    expect(after.filter((e) => e.duplicate)).toHaveLength(99);
    expect(c.subsystem.refresher.fetches).toBe(0);
    expect(pushesFor(c, id)).toHaveLength(0);
  });

  // Last: it moves the sandbox's virtual clock an hour on, for the rest of this sandbox's life.
  it('after the sandbox clock is advanced, its webhooks are signed with wall time and still verify', async () => {
    expect((await rig.control('POST', '/clock/advance', { seconds: 3600 })).status).toBe(200);
    const id = await rig.createCustomer();
    const rows = await waitFor(() => {
      const r = c.subsystem.inbox.list({ customerId: id }).items;
      return r.length > 0 ? r : null;
    }, 'a delivery after the clock jump');
    expect(rows.map((e) => e.verdict)).not.toContain('future_timestamp');
    expect(rows.every((e) => e.verdict === 'verified')).toBe(true);
    const stamp = Number(c.subsystem.inbox.get(rows[0]!.seq)!.headers['webhook-timestamp']);
    expect(Math.abs(stamp - Date.now() / 1000)).toBeLessThan(60);
  });
});
