import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../lib/app-failure.ts';
import type { DomainHandlers } from '../../ipc/handlers.ts';
import type { QuoteBody } from '../../oms/money.api.ts';
import type { OmsSession } from '../session/oms-session.ts';
import { toQuoteView } from './flow-views.ts';
import { toTransactionView } from './money-views.ts';
import { findTransaction } from './transaction-find.ts';

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
    find: async (input, { signal }) => findTransaction(await money(session), input, signal),
  };
}
