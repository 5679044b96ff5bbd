import type { CustomerRowView } from '#shared/domain/customer.ts';
import type { CustomerSearchPage } from '#shared/ipc/customers.contract.ts';
import type { CustomersApi } from '../../oms/customers.api.ts';
import { looksLikeExternalId, matchCustomer, queryWords } from './customer-match.ts';
import { rowFromEntry } from './customer-view.ts';
import { toEntry } from './directory-entry.ts';
import { checkRows, documented, meetsFilters, OMS, type Filters, type JudgeDeps } from './search-rows.ts';

/** OMS pages read for one search when every row of them fails the rule (see readOn). */
// Three: each is a call on the request budget, and a keystroke's search should not spend a second of it.
const EMPTY_PAGES_READ = 3;

export interface OmsListRequest {
  customers: CustomersApi;
  /** Whether this OMS filters by `q` (the probe's answer): only then are q and the endorsement sent. */
  textSearch: boolean;
  q: string;
  fx: Filters;
  limit: number | undefined;
  cursor: string | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * One page of OMS's own list (documented filters, plus `q` where it searches text); every row checked
 * here. `ignoresQ` is set when OMS was sent q and not one row it returned matches it.
 */
export async function omsListPage(d: JudgeDeps, r: OmsListRequest): Promise<{ page: CustomerSearchPage; ignoresQ: boolean }> {
  const { q, fx, cursor } = r;
  const words = queryWords(q);
  // The whole query: the sandbox's `q` is this rule, so its pages hold matching rows only. Another
  // OMS may match more loosely; the rule below still judges every row.
  const omsQ = r.textSearch && words.length > 0 ? q.slice(0, 200) : '';
  const page = await r.customers.search(
    { ...documented(fx), ...(omsQ ? { q: omsQ } : {}), ...(fx.endorsement && r.textSearch ? { endorsement: fx.endorsement } : {}), ...(r.limit ? { limit: r.limit } : {}), ...(cursor ? { cursor: cursor.replace(OMS, '') } : {}) },
    r.signal,
  );
  const entries = page.items.map(toEntry);
  // A typed id ranks its exact owner first. The text search's page usually holds it already (the
  // sandbox's q matches externalIds); only when it does not is OMS asked by the documented filter.
  // Asked on every key beside the search, the lookup spent two calls of the request budget a key,
  // and the last key of a typed id waited for the budget.
  let exactFirst: CustomerRowView[] = [];
  if (!cursor && q && looksLikeExternalId(q) && !fx.externalId) {
    const held = entries.filter((e) => e.externalId === q && meetsFilters(e, fx));
    exactFirst = held.length ? held.map((e) => rowFromEntry(e, 'externalId')) : await exactExternalId(r.customers, q, fx, r.signal);
  }
  const kept = checkRows(d, q, words, entries.filter((e) => meetsFilters(e, fx)));
  const seen = new Set(exactFirst.map((row) => row.id));
  const items = [...exactFirst, ...kept.rows.filter((row) => !seen.has(row.id))];
  const source = fx.email || fx.externalId || exactFirst.length ? 'exact' : 'oms';
  const view: CustomerSearchPage = { items, hasMore: page.hasMore, cursor: page.cursor ? OMS + page.cursor : null, source, directory: null, dropped: entries.length - kept.rows.length - kept.withheld, withheld: kept.withheld };
  return { page: view, ignoresQ: !!omsQ && entries.length > 0 && !entries.some((e) => matchCustomer(words, e)) };
}

async function exactExternalId(customers: CustomersApi, value: string, fx: Filters, signal?: AbortSignal): Promise<CustomerRowView[]> {
  const page = await customers.search({ ...documented(fx), externalId: value, limit: 20 }, signal);
  return page.items
    .map(toEntry)
    .filter((e) => e.externalId === value && meetsFilters(e, fx))
    .map((e) => rowFromEntry(e, 'externalId'));
}

/**
 * A page OMS matched whose rows all fail the rule (OMS matched more loosely than the rule) shows
 * nothing while more pages exist, and an empty list has nothing to scroll: the next pages are read
 * here, a few at most, until one row holds. What is still empty then says so with its cursor, and
 * the screen offers to search further.
 */
export async function readOn(first: CustomerSearchPage, next: (cursor: string) => Promise<CustomerSearchPage>): Promise<CustomerSearchPage> {
  let page = first;
  let dropped = first.dropped;
  let withheld = first.withheld;
  for (let read = 1; page.items.length === 0 && page.hasMore && page.cursor && read < EMPTY_PAGES_READ; read++) {
    page = await next(page.cursor);
    dropped += page.dropped;
    withheld += page.withheld;
  }
  return page === first ? first : { ...page, dropped, withheld };
}
