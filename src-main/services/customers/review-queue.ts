import type { CustomerView } from '#shared/domain/customer.ts';
import { ENDORSEMENT_NAMES, type EndorsementName } from '#shared/domain/endorsement.ts';
import { QUEUE_STATES, type ReviewQueue, type ReviewQueueEntry } from '#shared/ipc/customers.contract.ts';
import type { CustomerSearch } from '#shared/ipc/customers.contract.ts';
import type { Page } from '../../oms/pages.ts';
import type { OmsCustomer } from '../../oms/oms-objects.ts';
import { toCustomerView } from './customer-view.ts';

type QueueState = (typeof QUEUE_STATES)[number];

/** One OMS list call; the walk is independent of the client so it can be tested on any source. */
export type ListPage = (f: CustomerSearch, signal?: AbortSignal) => Promise<Page<OmsCustomer>>;

/**
 * Upper bound on OMS list calls per queue: 300 pages of 100 is 30,000 customers. Past it the count
 * is reported as a lower bound (`complete: false`), never as an exact figure it is not.
 */
export const MAX_PAGES = 300;
const PAGE = 100;

function entryFor(c: CustomerView, names: readonly string[], states: readonly string[]): ReviewQueueEntry | null {
  if (c.status !== 'active') return null;
  const hits = c.endorsements.filter((e) => names.includes(e.name) && states.includes(e.status));
  if (hits.length === 0) return null;
  const times = hits.map((e) => e.updatedAt).filter((t): t is string => t !== null).sort();
  const name = [c.firstName, c.lastName].filter(Boolean).join(' ') || c.externalId || c.id;
  return {
    customerId: c.id,
    name,
    waitingSince: times[0] ?? c.updatedAt ?? c.createdAt,
    endorsements: hits.map((e) => ({ name: e.name, status: e.status })),
    group: hits.some((e) => e.status === 'pending') ? 'decision' : 'customer',
  };
}

/**
 * Customers who await a reviewer's decision first, then those waiting on the customer; within each,
 * oldest waiting first, no date at all last, ties by id so the order is stable.
 */
function byWaiting(a: ReviewQueueEntry, b: ReviewQueueEntry): number {
  if (a.group !== b.group) return a.group === 'decision' ? -1 : 1;
  if (a.waitingSince !== b.waitingSince) {
    if (a.waitingSince === null) return 1;
    if (b.waitingSince === null) return -1;
    return a.waitingSince < b.waitingSince ? -1 : 1;
  }
  return a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0;
}

/**
 * The reviewer's queue over any OMS. The `endorsement=name:status` filter is the sandbox's own
 * addition (oms-api.md §3), so every answer is checked again here: when a page holds a customer the
 * filter should have excluded, OMS ignored it, and the walk falls back to reading every active
 * customer once and filtering locally. Either way the count is what was actually found.
 */
export async function buildReviewQueue(
  list: ListPage,
  f: { endorsement?: EndorsementName | undefined; state?: QueueState | undefined },
  signal?: AbortSignal,
): Promise<ReviewQueue> {
  const names: readonly string[] = f.endorsement ? [f.endorsement] : ENDORSEMENT_NAMES;
  const states: readonly string[] = f.state ? [f.state] : QUEUE_STATES;
  const found = new Map<string, ReviewQueueEntry>();
  let pages = 0;

  // Returns false when OMS ignored the filter (an item it should not have returned).
  const walk = async (search: CustomerSearch, check: ((c: CustomerView) => boolean) | null): Promise<boolean | 'capped'> => {
    let cursor: string | undefined;
    for (;;) {
      if (pages >= MAX_PAGES) return 'capped';
      pages++;
      const page = await list({ ...search, limit: PAGE, ...(cursor ? { cursor } : {}) }, signal);
      for (const raw of page.items) {
        const c = toCustomerView(raw);
        if (check && !check(c)) return false;
        const e = entryFor(c, names, states);
        // Several filtered walks can return one customer; each read is the whole customer, so any will do.
        if (e) found.set(e.customerId, e);
      }
      if (!page.hasMore || !page.cursor) return true;
      cursor = page.cursor;
    }
  };

  let capped = false;
  let filtered = true;
  outer: for (const name of names) {
    for (const status of states) {
      const r = await walk({ status: 'active', endorsement: { name, status } }, (c) => c.endorsements.some((e) => e.name === name && e.status === status));
      if (r === 'capped') {
        capped = true;
        break outer;
      }
      if (r === false) {
        filtered = false;
        break outer;
      }
    }
  }
  if (!filtered) {
    found.clear();
    pages = 0;
    capped = (await walk({ status: 'active' }, null)) === 'capped';
  }
  return queueOf([...found.values()], !capped);
}

function queueOf(entries: ReviewQueueEntry[], complete: boolean): ReviewQueue {
  const items = entries.sort(byWaiting);
  const decision = items.filter((e) => e.group === 'decision').length;
  return { items, total: items.length, complete, counts: { decision, customer: items.length - decision } };
}
