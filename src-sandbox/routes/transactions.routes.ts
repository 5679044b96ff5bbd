import { z } from 'zod';
import type { SandboxContext } from '../context.ts';
import { DOCUMENTED_TRANSACTION_QUERY, onlyDocumented } from '../documented.ts';
import { ApiError, notFound } from '../http-util.ts';
import { executeQuote } from '../money/settlement.ts';
import { publicDoc, requireTransaction, TXN_STATUSES, TXN_TYPES } from '../money/transactions.ts';
import type { Router } from '../router.ts';
import type { TxnFilters } from '../store/transactions.repo.ts';
import { limitParam, parseBody, parseQuery } from '../validate.ts';
import { requireCustomer } from './customers.routes.ts';
import { ok, type ApiRequest, type ApiRoute } from './route-types.ts';
import { requireWallet } from './wallets.routes.ts';

const isoDateTime = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time' }).transform((s) => new Date(s).toISOString());

/** Contract §6 list parameters; `status` is a sandbox addition [choice] for the console's filter. */
export const transactionsQuery = z
  .strictObject({
    limit: limitParam(50, 100),
    startingAfter: z.string().min(1).max(100).optional(),
    endingBefore: z.string().min(1).max(100).optional(),
    type: z.enum(TXN_TYPES, { error: `must be one of ${TXN_TYPES.join(', ')}` }).optional(),
    status: z.enum(TXN_STATUSES, { error: `must be one of ${TXN_STATUSES.join(', ')}` }).optional(),
    createdAfter: isoDateTime.optional(),
    createdBefore: isoDateTime.optional(),
  })
  .refine((q) => !(q.startingAfter && q.endingBefore), { message: 'use startingAfter or endingBefore, not both', path: ['startingAfter'] });

function page(ctx: SandboxContext, query: URLSearchParams, scope: TxnFilters['scope']) {
  const q = parseQuery(transactionsQuery, ctx.config.documentedOnly ? onlyDocumented(query, DOCUMENTED_TRANSACTION_QUERY) : query);
  const anchorId = q.startingAfter ?? q.endingBefore;
  const anchor = anchorId === undefined ? undefined : ctx.transactions.seqOf(anchorId);
  if (anchorId !== undefined && anchor === undefined) {
    throw new ApiError(400, `query.${q.startingAfter ? 'startingAfter' : 'endingBefore'}: unknown transaction ${anchorId}`);
  }
  return ok(ctx.transactions.page({ ...q, scope }, anchor));
}

const getQuery = z.strictObject({ senderCustomerId: z.string().max(100).optional(), recipientCustomerId: z.string().max(100).optional() });

function getOne({ ctx, params, query }: ApiRequest) {
  const q = parseQuery(getQuery, query);
  const t = requireTransaction(ctx, params.id!);
  // The documented party filters narrow the lookup: a mismatch reads as "no such transaction".
  if (q.senderCustomerId && t.doc.sender !== q.senderCustomerId) throw notFound('Transaction', params.id!);
  if (q.recipientCustomerId && t.doc.recipient !== q.recipientCustomerId) throw notFound('Transaction', params.id!);
  return ok(publicDoc(t.doc));
}

/** Contract §6 execution body; the optional fingerprint fields are accepted and kept out of the object. */
const executeSchema = z.strictObject({
  quoteId: z.string().min(1).max(100),
  deviceFingerprint: z.string().max(500).optional(),
  metadata: z.record(z.string().max(40), z.string().max(500)).optional(),
  partnerTransactionId: z.number().int('must be an integer').optional(),
  paymentMethodId: z.string().max(100).optional(),
  sourceWalletAddress: z.string().max(120).optional(),
  tags: z.array(z.string().max(64)).max(20).optional(),
  webSessionId: z.string().max(200).optional(),
});

export function registerTransactionRoutes(router: Router<ApiRoute>): void {
  const route = (handler: ApiRoute['handler'], idempotent = false): ApiRoute => ({ auth: true, idempotent, handler });
  router
    .add('POST', '/transactions', route(({ ctx, body }) => ok(executeQuote(ctx, parseBody(executeSchema, body)), 201), true))
    .add('GET', '/transactions', route(({ ctx, query }) => page(ctx, query, undefined)))
    .add('GET', '/transactions/{id}', route(getOne))
    .add('GET', '/customers/{id}/transactions', route(({ ctx, params, query }) => page(ctx, query, { kind: 'customer', seq: requireCustomer(ctx, params.id!).seq })))
    .add('GET', '/accounts/{id}/transactions', route(({ ctx, params, query }) => page(ctx, query, { kind: 'wallet', seq: requireWallet(ctx, params.id!).seq })));
}
