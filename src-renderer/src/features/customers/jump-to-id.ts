import { api } from '../../lib/api-client.ts';
import { useRoute } from '../../stores/route.store.ts';
import { useCustomers } from './customers.store.ts';

const owns = (walletId: string) => (c: { wallets: { id: string }[] }) => c.wallets.some((w) => w.id.toLowerCase() === walletId.toLowerCase());

/**
 * The customer that owns a wallet id, from the cache or `customers.search({q: 'wlt_…'})` (the
 * sandbox answers with the owner: an exact, index-backed match). The answer is only trusted when the
 * customer's own wallet list contains the id: an OMS that ignores `q` must not send the agent to a
 * stranger. Returns the owner's id, or a note a person can act on.
 */
export async function findWalletOwner(walletId: string): Promise<{ id: string } | { note: string }> {
  const { byId, rows } = useCustomers.getState();
  const known = Object.values(byId).find(owns(walletId)) ?? Object.values(rows).find(owns(walletId));
  if (known) return { id: known.id };
  const r = await api().customers.search({ q: walletId, limit: 2 });
  if (!r.ok) return { note: `Could not look up ${walletId}: ${r.error.message}` };
  const owner = r.data.items.find(owns(walletId));
  if (!owner) return { note: `No customer owns wallet ${walletId} (or this OMS cannot find a wallet by id). Check the id, or search for its customer by name or email.` };
  useCustomers.getState().upsertRows([owner]);
  return { id: owner.id };
}

/**
 * Opens a pasted id: a customer directly, a wallet through the customer that owns it.
 * Returns a note for the screen when it could not jump, null when it did.
 */
export async function jumpToId(id: string): Promise<string | null> {
  if (id.startsWith('cst_')) {
    useRoute.getState().navigate('customers', id);
    return null;
  }
  const owner = await findWalletOwner(id);
  if ('note' in owner) return owner.note;
  useRoute.getState().navigate('customers', owner.id);
  return null;
}
