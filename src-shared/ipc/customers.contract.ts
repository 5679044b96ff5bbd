import { z } from 'zod';
import { Cursor, CustomerId, IsoInstant, pageOf } from '../domain/common.ts';
import { CustomerCreate, CustomerFields, CustomerRowView, CustomerView } from '../domain/customer.ts';
import { EndorsementName } from '../domain/endorsement.ts';
import { TransactionView } from '../domain/transaction.ts';
import { CustomerBalanceView } from '../domain/wallet.ts';
import { mutation, query } from './operation.ts';

export const CustomerSearch = z.object({
  /** Free text: word prefixes of a name, email, phone, externalId or id (matched in main). */
  q: z.string().trim().max(200).optional(),
  email: z.string().trim().max(254).optional(),
  externalId: z.string().trim().max(128).optional(),
  status: z.enum(['active', 'inactive']).optional(),
  endorsement: z
    .object({ name: z.string().min(1).max(40), status: z.string().min(1).max(40) })
    .strict()
    .optional(),
  createdAfter: IsoInstant.optional(),
  createdBefore: IsoInstant.optional(),
  limit: z.number().int().min(1).max(200).optional(),
  cursor: Cursor.optional(),
});
export type CustomerSearch = z.infer<typeof CustomerSearch>;

const ById = z.object({ customerId: CustomerId });

/** The background directory of a profile whose OMS has no text search (oms-api.md §3). */
export const DirectoryStatus = z.strictObject({
  /** `off`: OMS searches text itself (or nothing asked yet); `building`/`ready`/`paused`/`failed` otherwise. */
  state: z.enum(['off', 'building', 'ready', 'paused', 'failed']),
  indexed: z.number().int(),
  /** A previous complete walk's count for this profile (no personal data), or null before the first. */
  estimate: z.number().int().nullable(),
  /** Why it failed or paused, in words. */
  message: z.string().nullable(),
  /** When the last complete walk (or delta walk) finished. */
  refreshedAt: z.string().nullable(),
});
export type DirectoryStatus = z.infer<typeof DirectoryStatus>;

export const CustomerSearchPage = z.strictObject({
  items: z.array(CustomerRowView),
  hasMore: z.boolean(),
  cursor: z.string().nullable(),
  /** Where the rows came from: OMS's own text search, the documented exact filters, or the directory. */
  source: z.enum(['oms', 'exact', 'directory']),
  directory: DirectoryStatus.nullable(),
  /** Rows OMS sent that did not match what was typed and were dropped in main. */
  dropped: z.number().int(),
  /** Customers whose hidden email or phone matched but were withheld: too many probes of that field. */
  withheld: z.number().int(),
});
export type CustomerSearchPage = z.infer<typeof CustomerSearchPage>;

/** Endorsement states a reviewer works on: waiting for a decision, declined, or missing data. */
export const QUEUE_STATES = ['pending', 'rejected', 'incomplete'] as const;
export const QueueState = z.enum(QUEUE_STATES);

export const ReviewQueueEntry = z.strictObject({
  customerId: z.string(),
  name: z.string(),
  /** The oldest change among the endorsements that put the customer in the queue. */
  waitingSince: z.string().nullable(),
  /** Only the endorsements that match the queue's filters, in OMS's order. */
  endorsements: z.array(z.strictObject({ name: z.string(), status: z.string() })),
  /** `decision`: an endorsement is pending, a reviewer acts; `customer`: only data or a retry from the customer is missing. */
  group: z.enum(['decision', 'customer']),
});
export type ReviewQueueEntry = z.infer<typeof ReviewQueueEntry>;
export type QueueGroup = ReviewQueueEntry['group'];

export const ReviewQueue = z.strictObject({
  items: z.array(ReviewQueueEntry),
  /** Exact when `complete`; otherwise the walk stopped at its cap and this is a lower bound. */
  total: z.number().int(),
  complete: z.boolean(),
  /** `total` split by group (lower bounds too when not `complete`). */
  counts: z.strictObject({ decision: z.number().int(), customer: z.number().int() }),
});
export type ReviewQueue = z.infer<typeof ReviewQueue>;

export const customersContract = {
  /** Server-side search with free text and filters; one page of slim rows (the full view: `get`). */
  search: query('customers.search', 'Customer search: only rows that match what was typed; one page of result rows.', CustomerSearch, CustomerSearchPage),
  /** The customer directory's progress (profiles whose OMS has no text search). */
  directory: query('customers.directory', "The customer directory's progress for the active profile.", z.object({}), DirectoryStatus),
  /** Pause, resume or rebuild the customer directory. */
  directoryControl: query(
    'customers.directoryControl',
    'Pauses, resumes or rebuilds the customer directory of the active profile.',
    z.object({ action: z.enum(['pause', 'resume', 'rebuild']) }),
    DirectoryStatus,
  ),
  /** The reviewer's work queue: every active customer with a matching endorsement, oldest waiting first. */
  queue: query(
    'customers.queue',
    'Every active customer with an endorsement pending, rejected or incomplete, oldest waiting first, with an exact count.',
    z.object({ endorsement: EndorsementName.optional(), state: QueueState.optional() }),
    ReviewQueue,
  ),
  /** One customer, fresh from OMS. */
  get: query('customers.get', 'One customer, fresh from OMS.', ById, CustomerView),
  /** Creates an individual customer; PII is sent once and never returned. */
  create: mutation('customers.create', 'Creates an individual customer.', z.object({ customer: CustomerCreate }), CustomerView),
  /** Partial update; OMS re-evaluates endorsements when identity fields change. */
  update: mutation('customers.update', 'Partial update of a customer.', z.object({ customerId: CustomerId, patch: CustomerFields }), CustomerView),
  /** Requests endorsements by name (re-evaluated by OMS). */
  requestEndorsements: mutation(
    'customers.requestEndorsements',
    'Requests endorsements for a customer.',
    z.object({ customerId: CustomerId, endorsements: z.array(EndorsementName).min(1).max(3) }),
    CustomerView,
  ),
  /** Soft delete: the customer becomes inactive. */
  delete: mutation('customers.delete', 'Soft-deletes a customer (status inactive).', ById, CustomerView),
  /** Aggregate balance across the customer's wallets. */
  balance: query(
    'customers.balance',
    "Aggregate balance across the customer's wallets.",
    z.object({ customerId: CustomerId, currency: z.string().max(3).regex(/^[A-Z]{3}$/, 'must be a currency code like "USD"').optional() }),
    CustomerBalanceView,
  ),
  /** The customer's transactions, newest first. */
  transactions: query(
    'customers.transactions',
    "The customer's transactions, newest first.",
    z.object({ customerId: CustomerId, limit: z.number().int().min(1).max(100).optional(), cursor: Cursor.optional() }),
    pageOf(TransactionView),
  ),
};
