import { err, type Result } from '#shared/ipc/result.ts';
import { api } from '../../lib/api-client.ts';
import { useCustomers } from './customers.store.ts';
import { parseSearch } from './search-syntax.ts';

export { matchedOnLabel, rowName } from './result-row-markup.ts';

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
