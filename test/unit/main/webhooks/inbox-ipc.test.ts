import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inboxContract } from '#shared/ipc/inbox.contract.ts';
import { createInboxHandlers } from '../../../../src-main/services/inbox/inbox.ipc.ts';
import { envelope, post, settle, signed, startConsole, tempDir, type Console } from './harness.ts';

const ctx = { caller: { transport: 'test' as const, origin: 'test' } };

describe('inbox.* handlers', () => {
  let tmp: ReturnType<typeof tempDir>;
  let c: Console;
  let h: ReturnType<typeof createInboxHandlers>;
  beforeEach(async () => {
    tmp = tempDir();
    c = await startConsole(tmp.dir);
    h = createInboxHandlers(c.subsystem, () => ({ id: 'local', kind: 'local', webhookVerification: 'enforce' }));
    for (const [id, type, cst] of [['evt_1', 'customer.updated', 'cst_a'], ['evt_2', 'customer.endorsement.granted', 'cst_b'], ['evt_3', 'wallet.created', 'cst_a']] as const) {
      const body = envelope(id, type, cst);
      await post(c, signed(id, body), body);
    }
    await post(c, { 'content-type': 'application/json' }, '{"x":1}');
    await settle(c);
  });
  afterEach(async () => {
    await c.stop();
    tmp.remove();
  });

  it('lists newest first and filters by type, customer, verdict and time; outputs match the contract', async () => {
    const all = await h.list({}, ctx);
    expect(inboxContract.list.output.parse(all).items.map((e) => e.eventId)).toEqual([null, 'evt_3', 'evt_2', 'evt_1']);
    expect((await h.list({ type: 'customer.updated' }, ctx)).items).toHaveLength(1);
    expect((await h.list({ customerId: 'cst_a' }, ctx)).items.map((e) => e.eventId)).toEqual(['evt_3', 'evt_1']);
    expect((await h.list({ verdict: 'missing_headers' }, ctx)).items).toHaveLength(1);
    expect((await h.list({ since: '2999-01-01T00:00:00Z' }, ctx)).items).toHaveLength(0);
    const page = await h.list({ limit: 2 }, ctx);
    expect(page.hasMore).toBe(true);
    expect((await h.list({ limit: 2, beforeSeq: page.items[1]!.seq }, ctx)).items).toHaveLength(2);
  });

  it('get returns full headers and the body (PII masked)', async () => {
    const [first] = (await h.list({ type: 'customer.updated' }, ctx)).items;
    const d = inboxContract.get.output.parse(await h.get({ seq: first!.seq }, ctx));
    expect(d.headers['webhook-id']).toBe('evt_1');
    expect(JSON.parse(d.body).id).toBe('evt_1');
    await expect(h.get({ seq: 9999 }, ctx)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('replay re-verifies (no timestamp window) and re-applies through the pipeline', async () => {
    const [first] = (await h.list({ type: 'customer.endorsement.granted' }, ctx)).items;
    const before = c.subsystem.refresher.fetches;
    const entry = await h.replay({ seq: first!.seq }, ctx);
    expect(entry).toMatchObject({ source: 'replay', verdict: 'verified', applied: true, duplicate: false });
    // The output contract is strict: no field beyond what it declares.
    expect(inboxContract.replay.output.parse(entry)).toEqual(entry);
    await settle(c);
    expect(c.subsystem.refresher.fetches).toBe(before + 1);
  });

  it('clear empties the log but keeps dedupe ids', async () => {
    expect((await h.clear({}, ctx)).cleared).toBe(4);
    expect((await h.list({}, ctx)).items).toHaveLength(0);
    const body = envelope('evt_1', 'customer.updated', 'cst_a');
    const r = await post(c, signed('evt_1', body), body);
    expect(JSON.parse(r.body).duplicate).toBe(true);
  });

  it('listenerStatus and configureListener', async () => {
    const s = inboxContract.listenerStatus.output.parse(await h.listenerStatus({}, ctx));
    expect(s).toMatchObject({ state: 'listening', verification: 'enforce', relayUrl: null });
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhooks\/oms$/);
    expect(s.secretFingerprints).toHaveLength(1);
    // The mode is the profile's: the listener's operation does not take it, and says which key is wrong.
    const refused = inboxContract.configureListener.input.safeParse({ verification: 'report-only' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['verification'] });
    c.setMode('report-only');
    expect((await h.listenerStatus({}, ctx)).verification).toBe('report-only');
  });
});
