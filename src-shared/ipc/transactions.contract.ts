import { z } from 'zod';
import { Cursor, CustomerId, IsoInstant, pageOf, QuoteId, TransactionId, WalletId } from '../domain/common.ts';
import { TRANSACTION_STATUSES, TRANSACTION_TYPES, TransactionView } from '../domain/transaction.ts';
import { mutation, query } from './operation.ts';

export const TransactionFilters = z.object({
  /** Whose transactions: a customer, one wallet (OMS `/accounts/{id}`), or everyone's. */
  customerId: CustomerId.optional(),
  walletId: WalletId.optional(),
  type: z.enum(TRANSACTION_TYPES).optional(),
  status: z.enum(TRANSACTION_STATUSES).optional(),
  /** Inclusive, as OMS documents them. */
  createdAfter: IsoInstant.optional(),
  createdBefore: IsoInstant.optional(),
  limit: z.number().int().min(1).max(100).optional(),
  cursor: Cursor.optional(),
});
export type TransactionFilters = z.infer<typeof TransactionFilters>;

/** What a search for money found, and how: the customer to open it with, when OMS says. */
export const TransactionLookup = z.strictObject({
  kind: z.enum(['transaction', 'quote', 'none']),
  transaction: TransactionView.nullable(),
  quoteId: z.string().nullable(),
  customerId: z.string().nullable(),
  /** How far the search looked, in words, when it had to scan (a txHash has no OMS filter). */
  note: z.string().nullable(),
  /** Where a scan stopped with older transactions left unread: pass it back to read on from there. */
  resume: z.strictObject({ cursor: z.string(), read: z.number().int().min(0) }).nullable(),
});
export type TransactionLookup = z.infer<typeof TransactionLookup>;

/** A transaction party by name, as a list shows it next to the id (the email masked, as everywhere). */
export const PartyName = z.strictObject({
  customerId: z.string(),
  name: z.string().nullable(),
  emailMasked: z.string().nullable(),
  /** False when OMS could not be read just now: the id stands alone, and a later page may ask again. */
  resolved: z.boolean(),
});
export type PartyName = z.infer<typeof PartyName>;

export const transactionsContract = {
  /** Transactions newest first with the documented filters; one page. */
  list: query('transactions.list', 'Transactions newest first, filtered; one page.', TransactionFilters, pageOf(TransactionView)),
  /** One transaction, fresh from OMS. */
  get: query('transactions.get', 'One transaction, fresh from OMS.', z.object({ transactionId: TransactionId }), TransactionView),
  /** Executes an open quote: money moves; status follows processing → completed or failed. */
  execute: mutation('transactions.execute', 'Executes an open quote (money moves).', z.object({ quoteId: QuoteId }), TransactionView),
  /** Finds a transaction by `txn_` id, quote id or on-chain transaction hash. */
  find: query(
    'transactions.find',
    'Finds a transaction by txn_ id, quote id or on-chain hash.',
    z.object({
      query: z.string().trim().min(3).max(120),
      /** Scan only this customer's transactions (a hash or address search). */
      customerId: CustomerId.optional(),
      /** Continue a scan from where an earlier answer stopped (its `resume`). */
      resume: z.object({ cursor: Cursor, read: z.number().int().min(0).max(10_000_000) }).optional(),
    }),
    TransactionLookup,
  ),
  /** Names for the customers of a list page: each read from OMS once per profile, in the background. */
  partyNames: query(
    'transactions.partyNames',
    'Names for the customer parties of a list page (emails masked).',
    z.object({ customerIds: z.array(CustomerId).min(1).max(100) }),
    z.strictObject({ items: z.array(PartyName) }),
  ),
};
