import { err, type Result } from '#shared/ipc/result.ts';
import { api } from '../../lib/api-client.ts';
import { useCustomers } from './customers.store.ts';
import { parseSearch } from './search-syntax.ts';

/**
 * A small customers search for pickers (not the Customers screen's list, whose state it leaves
 * alone): same syntax, same operation; the answers land in the normalised cache.
 */
export async function lookupCustomers(text: string, limit = 8): Promise<Result<string[]>> {
  const parsed = parseSearch(text);
  if (parsed.problems.length) return err('INVALID_INPUT', parsed.problems.join(' '));
  const r = await api().customers.search({ ...parsed.filters, limit });
  if (!r.ok) return r;
  for (const c of r.data.items) useCustomers.getState().upsert(c);
  return { ok: true, data: r.data.items.map((c) => c.id) };
}
