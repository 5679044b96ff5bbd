import { api } from '../../lib/api-client.ts';
import { useRoute } from '../../stores/route.store.ts';
import { useCustomers } from './customers.store.ts';

const owns = (walletId: string) => (c: { wallets: { id: string }[] }) => c.wallets.some((w) => w.id.toLowerCase() === walletId.toLowerCase());

/**
 * Opens a pasted id: a customer directly, a wallet through the customer that owns it. A wallet not
 * in the cache is looked up with `customers.search({q: 'wlt_…'})`, which the sandbox answers with
 * the owner (an exact, index-backed match). The answer is only trusted when the customer's own
 * wallet list contains the id: an OMS that ignores `q` must not send the agent to a stranger.
 * Returns a note for the screen when it could not jump, null when it did.
 */
export async function jumpToId(id: string): Promise<string | null> {
  if (id.startsWith('cst_')) {
    useRoute.getState().navigate('customers', id);
    return null;
  }
  const known = Object.values(useCustomers.getState().byId).find(owns(id));
  if (known) {
    useRoute.getState().navigate('customers', known.id);
    return null;
  }
  const r = await api().customers.search({ q: id, limit: 2 });
  if (!r.ok) return `Could not look up ${id}: ${r.error.message}`;
  const owner = r.data.items.find(owns(id));
  if (!owner) return `No customer owns wallet ${id} (or this OMS cannot find a wallet by id). Check the id, or search for its customer by name or email.`;
  useCustomers.getState().upsert(owner);
  useRoute.getState().navigate('customers', owner.id);
  return null;
}
