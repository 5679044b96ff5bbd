import { api } from '../../lib/api-client.ts';
import { useRoute } from '../../stores/route.store.ts';

/** A transaction or quote id, an EVM hash or address, or a base58 hash/address (solana, bitcoin). */
const MONEY_HANDLE = /^(txn_|qt_)[A-Za-z0-9]+$|^0x[0-9a-fA-F]{40}([0-9a-fA-F]{24})?$|^[1-9A-HJ-NP-Za-km-z]{32,90}$/;

/** True for what support pastes when money is missing: it names a transaction, never a customer. */
export const isMoneyHandle = (text: string) => MONEY_HANDLE.test(text.trim());

/** Short form for messages: `0x52908400…4169ee7`. */
export const shortHandle = (t: string) => (t.length > 24 ? `${t.slice(0, 12)}…${t.slice(-6)}` : t);

/**
 * Looks a money handle up (transactions.find) and opens the transaction. Returns null when it
 * opened one, otherwise what was searched and found, in words.
 */
export async function openMoneyHandle(text: string): Promise<string | null> {
  const t = text.trim();
  const r = await api().transactions.find({ query: t });
  if (!r.ok) return `Could not look up ${shortHandle(t)}: ${r.error.message}`;
  if (r.data.transaction) {
    useRoute.getState().navigate('transactions', r.data.transaction.id);
    return null;
  }
  return r.data.note ?? `No transaction matches ${shortHandle(t)}.`;
}
