import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '#sandbox/index.ts';
import { CustomersApi } from '../../src-main/oms/customers.api.ts';
import type { OmsCustomer } from '../../src-main/oms/oms-objects.ts';
import { toCustomerView } from '../../src-main/services/customers/customer-view.ts';
import { buildReviewQueue } from '../../src-main/services/customers/review-queue.ts';
import { failure, startTestConsole, unwrap, type TestConsole } from './main-support/console.ts';
import { startTestSandbox, testClient } from './main-support/sandbox.ts';

const QUEUED = ['pending', 'rejected', 'incomplete'];

/** Every active customer with a queued endorsement, found by reading the whole list page by page. */
async function bruteForce(api: CustomersApi, names = ['basic', 'cryptoCustody', 'usd'], states = QUEUED): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await api.search({ limit: 100, ...(cursor ? { cursor } : {}) });
    for (const c of page.items.map((x: OmsCustomer) => toCustomerView(x))) {
      if (c.status === 'active' && c.endorsements.some((e) => names.includes(e.name) && states.includes(e.status))) ids.push(c.id);
    }
    if (!page.hasMore || !page.cursor) return ids.sort();
    cursor = page.cursor;
  }
}

describe('review queue over a real sandbox (320 seeded customers, more than two pages)', () => {
  let sb: SandboxHandle;
  let api: CustomersApi;
  beforeAll(async () => {
    sb = await startTestSandbox({ seed: 320, reviewMode: 'manual' });
    api = new CustomersApi(testClient(sb).client);
  });
  afterAll(async () => sb?.close());

  it('counts exactly what a full read finds, decisions first, each group oldest waiting first', async () => {
    const expected = await bruteForce(api);
    expect(expected.length).toBeGreaterThan(100); // the count has to cross a page boundary to mean anything
    const q = await buildReviewQueue((f, s) => api.search(f, s), {});
    expect(q.complete).toBe(true);
    expect(q.total).toBe(expected.length);
    expect(q.items.map((e) => e.customerId).sort()).toEqual(expected);
    const pending = await bruteForce(api, undefined, ['pending']);
    const decision = q.items.filter((e) => e.group === 'decision');
    expect(decision.map((e) => e.customerId).sort()).toEqual(pending);
    expect(q.counts).toEqual({ decision: pending.length, customer: expected.length - pending.length });
    expect(q.counts.decision).toBeGreaterThan(0);
    expect(q.counts.customer).toBeGreaterThan(0);
    // Every customer needing a decision comes before every one waiting on the customer.
    expect(q.items.slice(0, decision.length)).toEqual(decision);
    for (const group of ['decision', 'customer']) {
      const times = q.items.filter((e) => e.group === group).map((e) => e.waitingSince ?? '~');
      expect(times).toEqual([...times].sort());
    }
  });

  it('filters by endorsement and state', async () => {
    const expected = await bruteForce(api, ['usd'], ['pending']);
    const q = await buildReviewQueue((f, s) => api.search(f, s), { endorsement: 'usd', state: 'pending' });
    expect(q.items.map((e) => e.customerId).sort()).toEqual(expected);
    for (const e of q.items) expect(e.endorsements).toEqual([{ name: 'usd', status: 'pending' }]);
  });

  it('gives the same answer when OMS ignores the endorsement filter (a real OMS has none)', async () => {
    const ignoring = (f: Parameters<CustomersApi['search']>[0], s?: AbortSignal) => api.search({ ...f, endorsement: undefined }, s);
    const q = await buildReviewQueue(ignoring, { state: 'rejected' });
    expect(q.items.map((e) => e.customerId).sort()).toEqual(await bruteForce(api, undefined, ['rejected']));
    expect(q.complete).toBe(true);
  });
});

describe('customers.queue and sandbox decisions through the dispatcher', () => {
  let t: TestConsole;
  beforeAll(async () => {
    t = await startTestConsole();
    unwrap(await t.oms.sandbox.setReviewMode({ mode: 'manual' }));
  });
  afterAll(async () => t?.close());

  const review = async (lastName: string) =>
    unwrap(
      await t.oms.customers.create({
        customer: {
          type: 'individual', firstName: 'Rae', lastName, email: `rae.${lastName.toLowerCase()}@example.test`, phone: '+14155550111', birthDate: '1990-01-02',
          nationality: 'US', signedAgreement: true, ipAddress: '203.0.113.9',
          residentialAddress: { line1: '1 Main St', city: 'Austin', state: 'TX', country: 'US', zipCode: '73301' },
          identifyingInformation: [{ type: 'ssn', issuingCountry: 'US', number: '123-45-6789' }],
          endorsements: ['basic', 'cryptoCustody', 'usd'],
        },
      }),
    );

  it('lists a new submission and drops it once every endorsement is decided', async () => {
    const c = await review('Queueone');
    const before = unwrap(await t.oms.customers.queue({}));
    expect(before.items.map((e) => e.customerId)).toContain(c.id);
    for (const name of ['basic', 'cryptoCustody', 'usd'] as const) unwrap(await t.oms.sandbox.decideEndorsement({ customerId: c.id, endorsement: name, decision: 'approve' }));
    const after = unwrap(await t.oms.customers.queue({}));
    expect(after.items.map((e) => e.customerId)).not.toContain(c.id);
    expect(after.total).toBe(before.total - 1);
  });

  it('refuses a dependant before basic, in words, with the sandbox code', async () => {
    const c = await review('Queuetwo');
    const e = failure(await t.oms.sandbox.decideEndorsement({ customerId: c.id, endorsement: 'usd', decision: 'approve' }));
    expect(e.message).toMatch(/usd needs basic to be active first/);
    expect(e.details).toMatchObject({ sandboxCode: 'dependency_not_active' });
  });

  it('asks for a reason to reject or revoke, and reports the basic cascade in a dry run that changes nothing', async () => {
    const c = await review('Queuethree');
    const noReason = failure(await t.oms.sandbox.decideEndorsement({ customerId: c.id, endorsement: 'basic', decision: 'reject' }));
    expect(noReason).toMatchObject({ code: 'INVALID_INPUT', details: { fields: [{ path: 'reason' }] } });
    expect(noReason.message).not.toMatch(/technical|control API/);
    const dry = unwrap(await t.oms.sandbox.decideEndorsement({ customerId: c.id, endorsement: 'basic', decision: 'reject', reason: 'Address unreadable', dryRun: true }));
    expect(dry).toEqual({ accepted: false, dryRun: true, alsoAffected: expect.arrayContaining([expect.objectContaining({ name: 'usd', to: 'rejected' })]) });
    expect(unwrap(await t.oms.customers.get({ customerId: c.id })).endorsements.every((e) => e.status === 'pending')).toBe(true);
  });

  it('reports pending reviews and decides them only when asked', async () => {
    await review('Queuefour');
    const status = unwrap(await t.oms.sandbox.status({}));
    expect(status.pendingReviews).toBeGreaterThan(0);
    unwrap(await t.oms.sandbox.setReviewMode({ mode: 'auto' }));
    // Switching to automatic applies to new submissions only: the waiting reviews still wait.
    expect(unwrap(await t.oms.sandbox.status({})).pendingReviews).toBe(status.pendingReviews);
    const done = unwrap(await t.oms.sandbox.decidePending({ decision: 'approve' }));
    expect(done.decided).toBeGreaterThan(0);
    expect(done.pendingReviews).toBe(0);
  });
});
