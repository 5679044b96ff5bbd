import { afterEach, describe, expect, it } from 'vitest';
import { holdCalls, settle } from './support/held-transport.ts';

/** A customer's activity timeline (webhook deliveries + operator actions), answers released in any order. */
const held = holdCalls();
Object.assign(globalThis.window, { localStorage: { getItem: () => null } });
const { useTimeline } = await import('../../../src-renderer/src/features/customers/timeline.store.ts');

const delivery = (seq: number, customerId: string) => ({
  seq, receivedAt: `2026-12-07T10:00:0${seq}.000Z`, type: 'customer.updated', customerId, verdict: 'verified', duplicate: false, reason: 'signature ok',
});
const inboxPage = (seqs: number[], customerId = 'cst_1') => ({ items: seqs.map((s) => delivery(s, customerId)), cursor: null, hasMore: false });
const noAudit = { items: [], cursor: null, hasMore: false };
/** Answers the two calls of one load (inbox.list, logs.audit), from position `at` of the held calls. */
const answerLoad = (at: number, seqs: number[]) => {
  held[at]!.ok(inboxPage(seqs));
  held[at + 1]!.ok(noAudit);
};

afterEach(() => {
  for (const c of held) c.answer({ ok: false, error: { code: 'UNAVAILABLE', message: 'test over' } });
  held.length = 0;
  useTimeline.getState().reset();
});

describe('timeline store', () => {
  it('a read answered after a profile switch does not appear under the new profile', async () => {
    const read = useTimeline.getState().load('cst_1');
    useTimeline.getState().reset();
    answerLoad(0, [1, 2]);
    await read;
    await settle();
    expect(useTimeline.getState().byCustomer).toEqual({});
  });

  it('an older read of one customer, answered last, does not replace the newer one', async () => {
    const older = useTimeline.getState().load('cst_1');
    const newer = useTimeline.getState().load('cst_1');
    answerLoad(2, [1, 2, 3]);
    await newer;
    answerLoad(0, [1]);
    await older;
    expect(useTimeline.getState().byCustomer['cst_1']!.items.map((i) => i.key)).toEqual(['w3', 'w2', 'w1']);
    expect(useTimeline.getState().byCustomer['cst_1']!.req.status).toBe('ok');
  });
});
