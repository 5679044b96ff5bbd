import { describe, expect, it } from 'vitest';
import type { Result } from '#shared/ipc/result.ts';
import { holdCalls, settle } from './support/held-transport.ts';

/**
 * The app's first customer search takes the answer of the search the first screen sent before the
 * app ran: over the real client and the real customer store, with main's transport held.
 */
const held = holdCalls();

const { adoptCall, holdReadsUntil, api } = await import('../../../src-renderer/src/lib/api-client.ts');
const { useCustomers } = await import('../../../src-renderer/src/features/customers/customers.store.ts');

const row = (id: string) => ({ id, firstName: 'Ada', middleName: null, lastName: 'Lovelace', status: 'active', emailMasked: 'a•••@x.io', endorsements: [], wallets: [], matchedOn: null });
const page = (...ids: string[]) => ({ items: ids.map(row), hasMore: false, cursor: null, source: 'oms' as const, dropped: 0, withheld: 0 });

/** A fresh store and an early empty-text search adopted by the client; the test settles its answer. */
function earlySearch() {
  useCustomers.getState().reset();
  let answer: (r: Result<unknown> | null) => void = () => {};
  const promise = new Promise<Result<unknown> | null>((resolve) => (answer = resolve));
  adoptCall('customers.search', { limit: 50 }, promise);
  return { answer };
}

/** Main answers the one held search with these rows; the store then shows them. */
async function mainAnswers(search: Promise<void>, id: string) {
  await settle();
  expect(held.map((c) => c.channel)).toEqual(['customers.search']);
  held.shift()!.ok(page(id));
  await search;
  expect(useCustomers.getState().search.ids).toEqual([id]);
}

describe('the first search, sent before the app ran', () => {
  it('is taken by the store’s first identical search: no call to main, its rows shown, the held reads released', async () => {
    holdReadsUntil('customers.search', 60_000);
    const first = earlySearch();
    const search = useCustomers.getState().runSearch('');
    const status = api().app.info({});
    await settle();
    // Neither the search (adopted) nor the status read (held until the search answers) went to main.
    expect(held.map((c) => c.channel)).toEqual([]);
    first.answer({ ok: true, data: page('cst_1', 'cst_2') });
    await search;
    expect(useCustomers.getState().search.ids).toEqual(['cst_1', 'cst_2']);
    await settle();
    expect(held.map((c) => c.channel)).toEqual(['app.info']);
    held.shift()!.ok({});
    await status;
    // Taken once: the same search again goes to main.
    await mainAnswers(useCustomers.getState().runSearch(''), 'cst_3');
  });

  it('a first search for other text goes to main, and the early answer is not used later', async () => {
    const first = earlySearch();
    const typed = useCustomers.getState().runSearch('ada');
    await settle();
    expect(held.map((c) => [c.channel, c.input])).toEqual([['customers.search', { q: 'ada', limit: 50 }]]);
    first.answer({ ok: true, data: page('cst_early') });
    held.shift()!.ok(page('cst_ada'));
    await typed;
    await mainAnswers(useCustomers.getState().runSearch(''), 'cst_1');
  });

  it('an early call that could not be made (no answer) is sent by the app itself', async () => {
    const first = earlySearch();
    const search = useCustomers.getState().runSearch('');
    first.answer(null);
    await mainAnswers(search, 'cst_9');
  });
});
