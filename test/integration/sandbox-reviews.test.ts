/* eslint-disable @typescript-eslint/no-explicit-any -- tests read untyped JSON bodies straight off the wire */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src-sandbox/index.ts';
import { FULL_CUSTOMER, setup, statuses, waitFor, type Client } from '../unit/sandbox/support/harness.ts';

/** The sandbox's semantics of reviewer decisions and the review mode. */
describe('reviewer decisions and review mode', () => {
  let sb: SandboxHandle;
  let api: Client;
  let ctl: Client;
  beforeAll(async () => ({ sb, api, ctl } = await setup({ reviewMode: 'manual' })));
  afterAll(() => sb.close());

  const get = async (id: string) => (await api.get(`/customers/${id}`)).body;
  const decide = (id: string, name: string, body: Record<string, unknown>) => ctl.post(`/customers/${id}/endorsements/${name}/decision`, body);
  const newCustomer = async (email: string) => (await api.post('/customers', { ...FULL_CUSTOMER, email })).body.id as string;

  it('a dependent endorsement cannot be approved while basic is not active (422 naming basic)', async () => {
    const id = await newCustomer('dep@acme.com');
    for (const name of ['usd', 'cryptoCustody']) {
      const r = await decide(id, name, { decision: 'approve' });
      expect(r.status, name).toBe(422);
      expect(r.body.error).toMatchObject({ code: 'dependency_not_active', details: { endorsement: name, requires: 'basic', requiresStatus: 'pending' } });
      expect(r.body.error.message).toContain('basic');
    }
    expect(statuses(await get(id))).toEqual({ basic: 'pending', cryptoCustody: 'pending', usd: 'pending' });
    expect((await decide(id, 'basic', { decision: 'approve', note: 'Documents look fine' })).body).toMatchObject({ status: 'active', note: 'Documents look fine' });
    expect((await decide(id, 'usd', { decision: 'approve' })).status).toBe(200);
  });

  it('reject and revoke need a non-empty reason; approve takes an optional note', async () => {
    const id = await newCustomer('reason@acme.com');
    for (const body of [{ decision: 'reject' }, { decision: 'reject', reason: '   ' }, { decision: 'revoke' }, { decision: 'reject', reason: 'x', note: 'y' }]) {
      const r = await decide(id, 'basic', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.message).toMatch(/reason|note/);
    }
    expect(statuses(await get(id)).basic).toBe('pending');
    expect((await decide(id, 'basic', { decision: 'approve' })).body.note).toBeNull();
    await decide(id, 'basic', { decision: 'revoke', reason: 'Identity document reported stolen' });
    const basic = (await get(id)).endorsements.find((e: any) => e.name === 'basic');
    expect(basic.rejectionReasons).toEqual([{ developerReason: 'Identity document reported stolen', reason: 'Identity document reported stolen' }]);
  });

  it('rejecting basic rejects its dependants; a dry run lists them first and changes nothing', async () => {
    const id = await newCustomer('cascade@acme.com');
    await decide(id, 'basic', { decision: 'approve' });
    await decide(id, 'cryptoCustody', { decision: 'approve' });
    const before = statuses(await get(id));
    expect(before).toEqual({ basic: 'active', cryptoCustody: 'active', usd: 'pending' });
    const dry = await decide(id, 'basic', { decision: 'reject', reason: 'Address mismatch', dryRun: true });
    expect(dry.body).toMatchObject({ dryRun: true, status: 'active' });
    expect(dry.body.alsoAffects).toEqual([
      { name: 'cryptoCustody', from: 'active', to: 'rejected' },
      { name: 'usd', from: 'pending', to: 'rejected' },
    ]);
    expect(statuses(await get(id))).toEqual(before);
    expect((await ctl.get(`/events?customerId=${id}&type=customer.endorsement.rejected`)).body.data).toHaveLength(0);
    const real = await decide(id, 'basic', { decision: 'reject', reason: 'Address mismatch' });
    expect(real.body.alsoAffected).toEqual(dry.body.alsoAffects);
    expect(statuses(await get(id))).toEqual({ basic: 'rejected', cryptoCustody: 'rejected', usd: 'rejected' });
    // A dry run refuses exactly what the decision would refuse.
    expect((await decide(id, 'usd', { decision: 'approve', dryRun: true })).status).toBe(422);
  });

  it('switching to auto decides nothing already waiting; the GET counts them and decide-pending is explicit', async () => {
    await ctl.post('/reviews/decide-pending', { decision: 'reject', reason: 'clean slate' });
    expect((await ctl.get('/review-mode')).body.pendingReviews).toBe(0);
    // Manual mode: approving a basic unblocks its dependants, decided in the same call.
    const first = [await newCustomer('m1@acme.com'), await newCustomer('m2@acme.com')];
    expect((await ctl.get('/review-mode')).body.pendingReviews).toBe(2); // the basics; dependants wait on basic
    expect((await ctl.post('/reviews/decide-pending', { decision: 'approve' })).body).toEqual({ decided: 6, pendingReviews: 0 });
    for (const id of first) expect(statuses(await get(id))).toEqual({ basic: 'active', cryptoCustody: 'active', usd: 'active' });

    const ids = [await newCustomer('q1@acme.com'), await newCustomer('q2@acme.com')];
    const switched = await ctl.raw('PUT', '/review-mode', { body: { mode: 'auto', delayMs: 10 } });
    expect(switched.body).toMatchObject({ mode: 'auto', appliesTo: 'newSubmissions', pendingReviews: 2 });
    await new Promise((r) => setTimeout(r, 200));
    for (const id of ids) expect(statuses(await get(id)).basic).toBe('pending');
    expect((await ctl.post('/reviews/decide-pending', { decision: 'reject' })).status).toBe(400);
    expect((await ctl.post('/reviews/decide-pending', { decision: 'approve' })).body).toEqual({ decided: 2, pendingReviews: 0 });
    // The dependants became reviewable after the switch: new submissions, so auto review grants them.
    await waitFor(async () => {
      for (const id of ids) if (statuses(await get(id)).usd !== 'active') return false;
      return true;
    }, 3000, 'dependants granted by auto review');
    await ctl.raw('PUT', '/review-mode', { body: { mode: 'manual' } });
  });

  it('deciding a large queue works in batches: other requests are answered meanwhile', async () => {
    await ctl.post('/reset', {});
    await ctl.post('/seed', { count: 6000, seed: 9 });
    const waiting = (await ctl.get('/review-mode')).body.pendingReviews;
    expect(waiting).toBeGreaterThan(800); // at least four batches of 200 customers
    let decidedDone = false;
    const all = ctl.post('/reviews/decide-pending', { decision: 'approve' }).then((r) => {
      decidedDone = true;
      return r;
    });
    // Poll while it runs: a batch-wise decision shows partial progress; one atomic pass never could.
    const seen: number[] = [];
    while (!decidedDone) seen.push((await ctl.get('/review-mode')).body.pendingReviews);
    expect(seen.some((n) => n > 0 && n < waiting), seen.join(',')).toBe(true);
    const r = await all;
    expect(r.body.decided).toBeGreaterThanOrEqual(waiting);
    expect(r.body.pendingReviews).toBe(0);
  });
});
