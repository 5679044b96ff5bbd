import { randomUUID } from 'node:crypto';
import type { DomainHandlers } from '../../ipc/handlers.ts';
import { toCustomerBalanceView, toTransactionView } from '../money/money-views.ts';
import type { OmsSession } from '../session/oms-session.ts';
import type { OmsCustomer } from '../../oms/oms-objects.ts';
import type { CustomerSearchService } from './customer-search.ts';
import { toCustomerView } from './customer-view.ts';
import { directoryListPage } from './directory-queue.ts';
import { buildReviewQueue } from './review-queue.ts';

/** How long revealed PII stays on screen before the renderer masks it again. */
export const REVEAL_TTL_MS = 30_000;

/**
 * customers.* over the active profile's OMS. Everything leaving is a view built field by field;
 * OMS errors are mapped once, by the dispatcher. Writes carry one Idempotency-Key per operation,
 * so the client's retries replay and never duplicate.
 */
export function customersHandlers(session: OmsSession, search: CustomerSearchService): DomainHandlers<'customers'> {
  const api = async () => (await session.apis()).customers;
  // Every customer the console reads keeps the directory (if the profile has one) current.
  const seen = (c: OmsCustomer) => (search.observe(c), toCustomerView(c));
  return {
    search: (f, { signal }) => search.search(f, signal),
    directory: () => search.directoryStatus(),
    directoryControl: ({ action }) => search.directoryControl(action),
    queue: async (f, { signal }) => {
      const dir = await search.directoryIfNeeded(signal);
      if (dir) {
        // Statuses other than granted come with no documented event: re-read the list when it is a minute old.
        dir.refreshIfOlder(60_000);
        // The first reading of the list is the count: wait for it, as the walk it replaces did.
        await dir.whenComplete(signal);
        const q = await buildReviewQueue(directoryListPage(dir), f, signal);
        return { ...q, complete: q.complete && dir.complete };
      }
      const customers = await api();
      return buildReviewQueue((q, s) => customers.search(q, s), f, signal);
    },
    get: async ({ customerId }, { signal }) => seen(await (await api()).get(customerId, signal)),
    create: async ({ customer }, { signal }) => seen(await (await api()).create(customer, randomUUID(), signal)),
    update: async ({ customerId, patch }, { signal }) => seen(await (await api()).update(customerId, patch, signal)),
    // Listing endorsement names in a PATCH makes OMS (re-)evaluate them.
    requestEndorsements: async ({ customerId, endorsements }, { signal }) => seen(await (await api()).update(customerId, { endorsements }, signal)),
    delete: async ({ customerId }, { signal }) => seen(await (await api()).delete(customerId, signal)),
    balance: async ({ customerId, currency }, { signal }) => toCustomerBalanceView(await (await api()).balance(customerId, currency, signal), customerId),
    transactions: async ({ customerId, limit, cursor }, { signal }) => {
      const page = await (await api()).transactions(customerId, { limit, cursor }, signal);
      return { items: page.items.map(toTransactionView), hasMore: page.hasMore, cursor: page.cursor };
    },
  };
}

/** pii.reveal: the clear values behind the masks, fetched fresh; the dispatcher audits every call. */
export function piiHandlers(session: OmsSession, now: () => number = Date.now): DomainHandlers<'pii'> {
  return {
    reveal: async ({ customerId, fields }, { signal }) => {
      const c = await (await session.apis()).customers.get(customerId, signal);
      const values: { email?: string | null; phone?: string | null } = {};
      if (fields.includes('email')) values.email = c.email ?? null;
      if (fields.includes('phone')) values.phone = c.phone ?? null;
      return { customerId: c.id, values, expiresAt: new Date(now() + REVEAL_TTL_MS).toISOString() };
    },
  };
}
