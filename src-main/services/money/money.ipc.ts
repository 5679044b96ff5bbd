import { randomUUID } from 'node:crypto';
import type { TransactionLookup } from '#shared/ipc/transactions.contract.ts';
import { AppFailure } from '../../ipc/app-failure.ts';
import type { DomainHandlers } from '../../ipc/handlers.ts';
import type { QuoteBody } from '../../oms/money.api.ts';
import { isOmsError } from '../../oms/oms-error.ts';
import type { OmsSession } from '../session/oms-session.ts';
import { toQuoteView } from './flow-views.ts';
import { toTransactionView } from './money-views.ts';

/** A transaction hash: 0x + 64 hex (EVM) or 64 hex / base58 of 80+ chars (bitcoin, solana). */
const TX_HASH = /^(0x)?[0-9a-fA-F]{64}$|^[1-9A-HJ-NP-Za-km-z]{80,90}$/;
/** An on-chain address: 0x + 40 hex (EVM), base58 of 32–44 chars (solana, bitcoin), bech32 (bc1…). */
const ADDRESS = /^0x[0-9a-fA-F]{40}$|^[1-9A-HJ-NP-Za-km-z]{32,44}$|^bc1[0-9a-z]{20,80}$/;
/** How many of the newest transactions a hash search reads: OMS has no filter for a hash. */
const HASH_SCAN_PAGES = 5;

const money = async (session: OmsSession) => (await session.apis()).money;

/** quotes.* — pricing a send; one Idempotency-Key per operation so a retry cannot price twice. */
export function quotesHandlers(session: OmsSession): DomainHandlers<'quotes'> {
  return {
    create: async (r, { signal }) => {
      const amount = { amount: r.amount };
      const body: QuoteBody = {
        customerId: r.customerId,
        source: { walletId: r.sourceWalletId, ...(r.side === 'source' ? amount : {}) },
        destination: {
          asset: r.destinationAsset,
          network: r.destinationNetwork,
          ...(r.side === 'destination' ? amount : {}),
          wallet: r.destination.kind === 'wallet' ? { id: r.destination.walletId } : { blockchainAddress: r.destination.address },
        },
      };
      return toQuoteView(await (await money(session)).createQuote(body, randomUUID(), signal));
    },
  };
}

/** transactions.* — reading money movement, executing a quote, and finding a transaction. */
export function transactionsHandlers(session: OmsSession): DomainHandlers<'transactions'> {
  const find = async (q: string, signal?: AbortSignal): Promise<TransactionLookup> => {
    const api = await money(session);
    const none = (note: string | null): TransactionLookup => ({ kind: 'none', transaction: null, quoteId: null, customerId: null, note });
    const found = (t: Awaited<ReturnType<typeof api.transaction>>, note: string | null = null): TransactionLookup => {
      const v = toTransactionView(t);
      return { kind: 'transaction', transaction: v, quoteId: v.quoteId, customerId: v.sender?.customerId ?? v.recipient?.customerId ?? null, note };
    };
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
          return { kind: 'quote', transaction: null, quoteId: quote.id, customerId, note: "This quote was executed, but its transaction is not among the customer's newest 100: open the customer's transactions." };
        }
        return { kind: 'quote', transaction: null, quoteId: quote.id, customerId, note: 'This quote was never executed: no money moved.' };
      }
    } catch (e) {
      if (isOmsError(e) && e.status === 404) return none(`OMS has no ${q.startsWith('qt_') ? 'quote' : 'transaction'} ${q}.`);
      throw e;
    }
    const isHash = TX_HASH.test(q);
    if (!isHash && !ADDRESS.test(q)) return none('Search takes a txn_ id, a qt_ quote id, an on-chain transaction hash or an address.');
    const hash = q.toLowerCase();
    // A hash names one transfer; an address names a wallet: its newest transfer is the answer.
    const fields = (t: Awaited<ReturnType<typeof api.transaction>>) =>
      isHash ? [t.source?.txHash, t.destination?.txHash] : [t.source?.address, t.destination?.address, (t.source?.wallet as { blockchainAddress?: string } | undefined)?.blockchainAddress, (t.destination?.wallet as { blockchainAddress?: string } | undefined)?.blockchainAddress];
    let cursor: string | undefined;
    let read = 0;
    for (let page = 0; page < HASH_SCAN_PAGES; page++) {
      const p = await api.transactions({}, { limit: 100, cursor }, signal);
      read += p.items.length;
      const hit = p.items.find((t) => fields(t).some((h) => typeof h === 'string' && h.toLowerCase() === hash));
      if (hit) return found(hit, `Found among the newest ${read} transactions.`);
      if (!p.hasMore || !p.cursor) return none(`No transaction with this ${isHash ? 'hash' : 'address'} among all ${read} transactions.`);
      cursor = p.cursor;
    }
    return none(`No match among the newest ${read} transactions (OMS cannot filter by ${isHash ? 'hash' : 'address'}; older ones were not read).`);
  };
  return {
    list: async (f, { signal }) => {
      const page = await (await money(session)).transactions({ customerId: f.customerId, walletId: f.walletId }, f, signal);
      // `status` is not a documented filter: an OMS may ignore it, so it is applied here too.
      const items = page.items.map(toTransactionView).filter((t) => !f.status || t.status === f.status);
      return { items, hasMore: page.hasMore, cursor: page.cursor };
    },
    get: async ({ transactionId }, { signal }) => toTransactionView(await (await money(session)).transaction(transactionId, signal)),
    execute: async ({ quoteId }, { signal }) => {
      const api = await money(session);
      // Refuse an expired quote here with words the operator can act on, before OMS does.
      const quote = await api.quote(quoteId, signal);
      if (quote.expiresAt && Date.parse(quote.expiresAt) <= Date.now()) {
        throw new AppFailure('OMS_ERROR', 'This quote has expired: get a new quote to see the current rate and fees.', { omsCode: 'quote_expired', quoteId });
      }
      return toTransactionView(await api.execute(quoteId, randomUUID(), signal));
    },
    find: ({ query }, { signal }) => find(query, signal),
  };
}
