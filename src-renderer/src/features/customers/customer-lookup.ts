import type { CustomerRowView } from '#shared/domain/customer.ts';
import { err, type Result } from '#shared/ipc/result.ts';
import { api } from '../../lib/api-client.ts';
import { useCustomers } from './customers.store.ts';
import { parseSearch } from './search-syntax.ts';

/** A result row's name: the same words the customer's own screen uses for its title. */
export const rowName = (c: Pick<CustomerRowView, 'firstName' | 'middleName' | 'lastName'>): string =>
  [c.firstName, c.middleName, c.lastName].filter(Boolean).join(' ') || 'Unnamed customer';

const MATCHED_ON: Record<NonNullable<CustomerRowView['matchedOn']>, string> = {
  email: 'email matches',
  phone: 'phone matches',
  externalId: 'externalId matches',
  wallet: 'wallet id matches',
};

/** Why a row is listed when what was typed is not visible on it ("email matches"), or null. */
export const matchedOnLabel = (c: Pick<CustomerRowView, 'matchedOn'>): string | null => (c.matchedOn ? MATCHED_ON[c.matchedOn] : null);

/**
 * A small customers search for pickers (not the Customers screen's list, whose state it leaves
 * alone): same syntax, same operation; the rows land in the store's row cache. A caller that
 * searches as the user types passes a signal and aborts the previous lookup.
 */
export async function lookupCustomers(text: string, limit = 8, signal?: AbortSignal): Promise<Result<string[]>> {
  const parsed = parseSearch(text);
  if (parsed.problems.length) return err('INVALID_INPUT', parsed.problems.join(' '));
  const r = await api().customers.search({ ...parsed.filters, limit }, signal ? { signal } : {});
  if (!r.ok) return r;
  useCustomers.getState().upsertRows(r.data.items);
  return { ok: true, data: r.data.items.map((c) => c.id) };
}
