import { afterEach, describe, expect, it } from 'vitest';
import type { CustomerView } from '#shared/domain/customer.ts';
import type { ReviewQueue, ReviewQueueEntry } from '#shared/ipc/customers.contract.ts';
import { holdCalls, settle } from './support/held-transport.ts';

/** The review queue's store: loads raced against each other, and customers moving live. */
const held = holdCalls((channel) => (channel === 'sandbox.status' ? { ok: false, error: { code: 'UNAVAILABLE', message: 'not here' } } : undefined));
Object.assign(globalThis.window, { addEventListener: () => {}, location: { hash: '' }, history: { state: null, replaceState: () => {} } });
const { useReviews } = await import('../../../src-renderer/src/features/reviews/reviews.store.ts');

const entry = (customerId: string, group: ReviewQueueEntry['group'], since: string): ReviewQueueEntry => ({
  customerId,
  name: customerId,
  waitingSince: since,
  endorsements: [{ name: 'basic', status: group === 'decision' ? 'pending' : 'incomplete' }],
  group,
});
const queue = (items: ReviewQueueEntry[]): ReviewQueue => ({
  items,
  total: items.length,
  complete: true,
  counts: { decision: items.filter((e) => e.group === 'decision').length, customer: items.filter((e) => e.group === 'customer').length },
});
const customer = (id: string, basic: string, updatedAt = '2026-12-07T10:00:00Z'): CustomerView => ({
  id,
  type: 'individual',
  firstName: 'Ada',
  middleName: null,
  lastName: id,
  nationality: null,
  externalId: null,
  status: 'active',
  signedAgreement: true,
  signedAgreementAt: null,
  wallets: [],
  endorsements: [{ name: 'basic', status: basic, updatedAt } as CustomerView['endorsements'][number]],
  metadata: null,
  createdAt: null,
  updatedAt,
  emailMasked: null,
  phoneMasked: null,
});

const loaded = async () => {
  const load = useReviews.getState().load({});
  held.at(-1)!.ok(queue([entry('cst_a', 'decision', '2026-12-01T00:00:00Z'), entry('cst_b', 'decision', '2026-12-02T00:00:00Z'), entry('cst_c', 'customer', '2026-12-01T00:00:00Z')]));
  await load;
};

afterEach(() => {
  for (const c of held) c.ok(queue([]));
  held.length = 0;
  useReviews.getState().reset();
});

describe('reviews store', () => {
  it('an answer to the older filters, arriving last, is dropped', async () => {
    const older = useReviews.getState().load({ endorsement: 'usd' });
    const newer = useReviews.getState().load({ state: 'rejected' });
    expect(held.map((c) => c.input)).toEqual([{ endorsement: 'usd' }, { state: 'rejected' }]);
    held[1]!.ok(queue([entry('cst_r', 'customer', '2026-12-01T00:00:00Z')]));
    await newer;
    held[0]!.ok(queue([entry('cst_u', 'decision', '2026-12-01T00:00:00Z')]));
    await older;
    await settle();
    expect(useReviews.getState().items.map((e) => e.customerId)).toEqual(['cst_r']);
    expect(useReviews.getState().filters).toEqual({ state: 'rejected' });
  });

  it('a customer whose review is now pending joins the decisions, after the last of them and before the customers', async () => {
    await loaded();
    useReviews.getState().reconcile(customer('cst_d', 'pending'));
    const s = useReviews.getState();
    expect(s.items.map((e) => e.customerId)).toEqual(['cst_a', 'cst_b', 'cst_d', 'cst_c']);
    expect(s.counts).toEqual({ decision: 3, customer: 1 });
    expect(s.total).toBe(4);
  });

  it('a customer granted leaves the queue; where it sat is kept so "next" is whoever moved up', async () => {
    await loaded();
    useReviews.getState().reconcile(customer('cst_a', 'active'));
    const s = useReviews.getState();
    expect(s.items.map((e) => e.customerId)).toEqual(['cst_b', 'cst_c']);
    expect(s.left).toEqual({ customerId: 'cst_a', index: 0 });
    expect(s.counts).toEqual({ decision: 1, customer: 1 });
    expect(s.total).toBe(2);
  });

  it('a customer still pending keeps its place and its waiting time', async () => {
    await loaded();
    useReviews.getState().reconcile(customer('cst_a', 'pending', '2026-12-07T12:00:00Z'));
    const s = useReviews.getState();
    expect(s.items.map((e) => e.customerId)).toEqual(['cst_a', 'cst_b', 'cst_c']);
    expect(s.items[0]!.waitingSince).toBe('2026-12-01T00:00:00Z');
    expect(s.left).toBeNull();
  });
});
