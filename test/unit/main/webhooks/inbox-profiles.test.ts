import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inboxContract } from '#shared/ipc/inbox.contract.ts';
import { createInboxHandlers } from '../../../../src-main/services/inbox/inbox.ipc.ts';
import { envelope, post, settle, signed, startConsole, tempDir, type Console } from './harness.ts';

// The inbox shows only the active profile's deliveries.

describe('inbox per profile', () => {
  let tmp: ReturnType<typeof tempDir>;
  let c: Console;
  let active = 'local';
  beforeEach(async () => {
    tmp = tempDir();
    active = 'local';
    c = await startConsole(tmp.dir, { activeProfileId: () => active });
  });
  afterEach(async () => {
    await c.stop();
    tmp.remove();
  });

  it('stores each delivery under the profile active when it arrived and lists by profile', async () => {
    const send = async (id: string) => {
      const body = envelope(id, 'customer.updated', 'cst_1');
      expect((await post(c, signed(id, body), body)).status).toBe(200);
    };
    await send('evt_l1');
    await send('evt_l2');
    active = 'oms-sandbox';
    c.bus.publish('event.session.profileChanged', { profileId: active });
    await send('evt_s1');
    // The same event id under another profile is not a duplicate (dedupe is per profile).
    await send('evt_l1');
    await settle(c);
    const ids = (profileId: string) => c.subsystem.inbox.list({ profileId }).items.map((e) => e.eventId);
    expect(ids('local')).toEqual(['evt_l2', 'evt_l1']);
    expect(ids('oms-sandbox')).toEqual(['evt_l1', 'evt_s1']);
    expect(c.subsystem.inbox.list({ profileId: 'oms-sandbox' }).items.every((e) => !e.duplicate)).toBe(true);
    expect(c.subsystem.inbox.listRecords({ profileId: 'local' }).items.every((e) => e.profileId === 'local')).toBe(true);
    expect(c.subsystem.inbox.list({ profileId: 'production' }).items).toEqual([]);
    // Paging stays within the profile.
    const first = c.subsystem.inbox.list({ profileId: 'local', limit: 1 });
    expect(first.hasMore).toBe(true);
    expect(c.subsystem.inbox.list({ profileId: 'local', beforeSeq: first.items[0]!.seq }).items.map((e) => e.eventId)).toEqual(['evt_l1']);
    // Clearing one profile's log leaves the other's.
    expect(c.subsystem.inbox.clear('oms-sandbox')).toBe(2);
    expect(ids('local')).toHaveLength(2);
    expect(c.subsystem.listForActiveProfile({}).items.map((e) => e.eventId)).toEqual([]);
    active = 'local';
    c.bus.publish('event.session.profileChanged', { profileId: active });
    const page = c.subsystem.listForActiveProfile({});
    expect(page.items.map((e) => e.eventId)).toEqual(['evt_l2', 'evt_l1']);
    // Exactly what the (strict) contract declares: it parses as the events.list output.
    expect(inboxContract.list.output.parse(page)).toEqual(page);
  });

  it('replays a delivery only under the profile it arrived in', async () => {
    const ctx = { caller: { transport: 'test' as const, origin: 'test' } };
    const h = createInboxHandlers(c.subsystem, () => ({ id: active, kind: 'custom', webhookVerification: 'enforce' }));
    const body = envelope('evt_p1', 'customer.updated', 'cst_1');
    expect((await post(c, signed('evt_p1', body), body)).status).toBe(200);
    await settle(c);
    const [local] = c.subsystem.inbox.list({ profileId: 'local' }).items;
    active = 'oms-sandbox';
    c.bus.publish('event.session.profileChanged', { profileId: active });
    await expect(h.replay({ seq: local!.seq }, ctx)).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('arrived under profile "local"') });
    // Nothing was copied into the active profile's log, where its clear body could be revealed.
    expect(c.subsystem.inbox.list({ profileId: 'oms-sandbox' }).items).toEqual([]);
    active = 'local';
    c.bus.publish('event.session.profileChanged', { profileId: active });
    expect(await h.replay({ seq: local!.seq }, ctx)).toMatchObject({ source: 'replay', verdict: 'verified' });
    expect(c.subsystem.inbox.list({ profileId: 'local' }).items).toHaveLength(2);
  });
});
