import type { TransactionLookup } from '#shared/ipc/transactions.contract.ts';
import type { MoneyApi } from '../../oms/money.api.ts';
import { isOmsError } from '../../oms/oms-error.ts';
import type { OmsTransaction } from '../../oms/oms-objects.ts';
import { toTransactionView } from './money-views.ts';

/** A transaction hash: 0x + 64 hex (EVM) or 64 hex / base58 of 80+ chars (bitcoin, solana). */
const TX_HASH = /^(0x)?[0-9a-fA-F]{64}$|^[1-9A-HJ-NP-Za-km-z]{80,90}$/;
/** An on-chain address: 0x + 40 hex (EVM), base58 of 32–44 chars (solana, bitcoin), bech32 (bc1…). */
const ADDRESS = /^0x[0-9a-fA-F]{40}$|^[1-9A-HJ-NP-Za-km-z]{32,44}$|^bc1[0-9a-z]{20,80}$/;
/** Pages of 100 one answer reads: OMS has no filter for a hash, so a longer scan is asked for step by step. */
const SCAN_PAGES = 5;

export interface FindInput {
  query: string;
  customerId?: string | undefined;
  resume?: { cursor: string; read: number } | undefined;
}

const none = (note: string | null, resume: TransactionLookup['resume'] = null): TransactionLookup => ({ kind: 'none', transaction: null, quoteId: null, customerId: null, note, resume });

function found(t: OmsTransaction, note: string | null = null): TransactionLookup {
  const v = toTransactionView(t);
  return { kind: 'transaction', transaction: v, quoteId: v.quoteId, customerId: v.sender?.customerId ?? v.recipient?.customerId ?? null, note, resume: null };
}

const blockchainAddress = (w: unknown) => (w && typeof w === 'object' ? (w as { blockchainAddress?: unknown }).blockchainAddress : undefined);

/**
 * Finds a transaction by `txn_` id, `qt_` quote id, on-chain hash or address. A hash or address
 * has no OMS filter, so it scans newest first, everyone's or one customer's, a few pages per call;
 * when older ones are left it says how many it read and where to go on from (`resume`).
 */
export async function findTransaction(api: MoneyApi, input: FindInput, signal?: AbortSignal): Promise<TransactionLookup> {
  const q = input.query;
  try {
    if (/^txn_[A-Za-z0-9]+$/.test(q)) return found(await api.transaction(q, signal));
    if (/^qt_[A-Za-z0-9]+$/.test(q)) {
      const quote = await api.quote(q, signal);
      // `transactionId` on a quote is the sandbox's addition; the documented link is the quote's status and
      // the transaction's own quoteId, read from the customer's transactions.
      const txId = typeof quote.transactionId === 'string' ? quote.transactionId : null;
      if (txId) return found(await api.transaction(txId, signal));
      const customerId = quote.customerId ?? null;
      if (String(quote.status ?? '').toLowerCase() === 'accepted' && customerId) {
        const page = await api.transactions({ customerId }, { limit: 100 }, signal);
        const tx = page.items.find((t) => t.quoteId === quote.id);
        if (tx) return found(tx);
        return { kind: 'quote', transaction: null, quoteId: quote.id, customerId, note: "This quote was executed, but its transaction is not among the customer's newest 100: open the customer's transactions.", resume: null };
      }
      return { kind: 'quote', transaction: null, quoteId: quote.id, customerId, note: 'This quote was never executed: no money moved.', resume: null };
    }
  } catch (e) {
    if (isOmsError(e) && e.status === 404) return none(`OMS has no ${q.startsWith('qt_') ? 'quote' : 'transaction'} ${q}.`);
    throw e;
  }
  const isHash = TX_HASH.test(q);
  if (!isHash && !ADDRESS.test(q)) return none('Search takes a txn_ id, a qt_ quote id, an on-chain transaction hash or an address.');
  const wanted = q.toLowerCase();
  const what = isHash ? 'hash' : 'address';
  const whose = input.customerId ? ` of customer ${input.customerId}` : '';
  // A hash names one transfer; an address names a wallet: its newest transfer is the answer.
  const fields = (t: OmsTransaction) =>
    isHash ? [t.source?.txHash, t.destination?.txHash] : [t.source?.address, t.destination?.address, blockchainAddress(t.source?.wallet), blockchainAddress(t.destination?.wallet)];
  let cursor = input.resume?.cursor;
  let read = input.resume?.read ?? 0;
  for (let page = 0; page < SCAN_PAGES; page++) {
    const p = await api.transactions({ customerId: input.customerId }, { limit: 100, cursor }, signal);
    read += p.items.length;
    const hit = p.items.find((t) => fields(t).some((h) => typeof h === 'string' && h.toLowerCase() === wanted));
    if (hit) return found(hit, `Found among the newest ${read} transactions${whose}.`);
    if (!p.hasMore || !p.cursor) return none(`No transaction with this ${what} among all ${read} transactions${whose}.`);
    cursor = p.cursor;
  }
  return none(`No match among the newest ${read} transactions${whose}: OMS cannot filter by ${what}, and older ones are not read yet.`, { cursor: cursor!, read });
}
