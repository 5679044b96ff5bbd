import { describe, expect, it } from 'vitest';
import type { OmsCustomer } from '../../../../src-main/oms/oms-objects.ts';
import { OmsError } from '../../../../src-main/oms/oms-error.ts';
import { CustomerDirectory, type ListCustomers } from '../../../../src-main/services/customers/customer-directory.ts';

/**
 * The walk's order of work, against a scripted list (the real list over HTTP is covered by
 * test/integration/main-customer-search.test.ts): which page is asked for when, and what a pause
 * or a failed page leaves behind.
 */
const customers = (n: number): OmsCustomer[] =>
  Array.from({ length: n }, (_, i) => ({ id: `cst_${String(i).padStart(6, '0')}`, firstName: `Name${i}`, createdAt: new Date(1_700_000_000_000 - i * 1000).toISOString(), status: 'active' }) as OmsCustomer);

function scriptedList(all: OmsCustomer[], opts: { failOnce?: number; delayMs?: number } = {}) {
  const calls: { cursor: string | undefined; indexedAtCall: number }[] = [];
  let failed = false;
  let dir: CustomerDirectory | null = null;
  const list: ListCustomers = async (q, signal) => {
    calls.push({ cursor: q.cursor, indexedAtCall: dir?.store.size ?? 0 });
    await new Promise((r) => setTimeout(r, opts.delayMs ?? 2));
    if (signal.aborted) throw new OmsError('cancelled', 'The request was cancelled.');
    const from = q.cursor ? Number(q.cursor) : 0;
    if (opts.failOnce === from && !failed) {
      failed = true;
      throw new OmsError('network', 'OMS is not answering.');
    }
    const items = all.slice(from, from + q.limit);
    const end = from + items.length;
    return { items, hasMore: end < all.length, cursor: end < all.length ? String(end) : null };
  };
  return { calls, list, attach: (d: CustomerDirectory) => (dir = d) };
}

const make = (list: ListCustomers, o: { retryAfterMs?: number } = {}) =>
  new CustomerDirectory({ list, onChange: () => undefined, estimate: null, saveEstimate: () => undefined, log: () => undefined, retryAfterMs: o.retryAfterMs ?? 50 });

describe('the customer directory walk', () => {
  it('asks for the next page before it has indexed the one it holds, and ends with every customer once', async () => {
    const s = scriptedList(customers(450));
    const dir = make(s.list);
    s.attach(dir);
    await dir.whenComplete();
    expect(dir.store.size).toBe(450);
    expect(s.calls.map((c) => c.cursor)).toEqual([undefined, '100', '200', '300', '400']);
    // Page 2 was requested while page 1 was still being indexed (none of it, or only part, was in).
    expect(s.calls[1]!.indexedAtCall).toBeLessThan(100);
    dir.close();
  });

  it('a page that fails is asked for again where the walk stopped, and nothing is missing after', async () => {
    const s = scriptedList(customers(350), { failOnce: 200 });
    const dir = make(s.list, { retryAfterMs: 20 });
    s.attach(dir);
    await dir.whenComplete();
    expect(dir.store.size).toBe(350);
    const cursors = s.calls.map((c) => c.cursor);
    expect(cursors.filter((c) => c === '200')).toHaveLength(2);
    expect(cursors.filter((c) => c === undefined)).toHaveLength(1);
    dir.close();
  });

  it('paused mid-walk, it resumes from the page it had not finished and reads every customer', async () => {
    const s = scriptedList(customers(600), { delayMs: 15 });
    const dir = make(s.list);
    s.attach(dir);
    dir.start();
    while (dir.store.size < 200) await new Promise((r) => setTimeout(r, 2));
    dir.pause();
    expect(dir.status().state).toBe('paused');
    const atPause = dir.store.size;
    await new Promise((r) => setTimeout(r, 40));
    expect(dir.store.size).toBe(atPause);
    await dir.whenComplete();
    expect(dir.store.size).toBe(600);
    expect(s.calls.filter((c) => c.cursor === undefined)).toHaveLength(1);
    dir.close();
  });
});
