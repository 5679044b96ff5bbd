import { z } from 'zod';
import type { SandboxContext } from '../context.ts';
import { ApiError, notFound } from '../http-util.ts';
import { newId, randomHex } from '../ids.ts';
import { estimateValue, formatMicros, SUPPORTED_ASSETS, SUPPORTED_CHAINS } from '../money.ts';
import { presentWallet } from '../presenters.ts';
import type { Router } from '../router.ts';
import type { WalletRecord } from '../types.ts';
import { limitParam, parseBody, parseQuery } from '../validate.ts';
import { emitEvent } from '../webhooks/emitter.ts';
import { balanceQuery, transactionsQuery } from './customer-schemas.ts';
import { requireCustomer, transactionCursor } from './customers.routes.ts';
import { decodeCursor, encodeCursor, ok, type ApiRequest, type ApiRoute } from './route-types.ts';

const createWalletSchema = z.strictObject({
  asset: z.enum(SUPPORTED_ASSETS as [string, ...string[]], { error: `must be one of ${SUPPORTED_ASSETS.join(', ')}` }),
  chain: z.enum(SUPPORTED_CHAINS as [string, ...string[]], { error: `must be one of ${SUPPORTED_CHAINS.join(', ')}` }),
});

const listWalletsQuery = z.strictObject({ limit: limitParam(20, 100), cursor: z.string().optional() });

export function requireWallet(ctx: SandboxContext, id: string): WalletRecord {
  const w = ctx.wallets.byId(id);
  if (!w) throw notFound('Wallet', id);
  return w;
}

function customerIdOf(ctx: SandboxContext, w: WalletRecord): string {
  return ctx.customers.bySeq(w.customerSeq)?.doc.id ?? '';
}

function create({ ctx, params, body }: ApiRequest) {
  const input = parseBody(createWalletSchema, body);
  const customer = requireCustomer(ctx, params.id!);
  if (customer.doc.status !== 'active') throw new ApiError(422, `Customer ${customer.doc.id} is inactive`, { code: 'customer_inactive' });
  const custody = ctx.endorsements.forCustomer(customer.seq).find((e) => e.name === 'cryptoCustody');
  if (custody?.status !== 'active') {
    throw new ApiError(422, `Customer ${customer.doc.id} needs an active cryptoCustody endorsement to hold a wallet (it is ${custody?.status ?? 'not requested'})`, {
      code: 'endorsement_required',
      details: { endorsement: 'cryptoCustody', status: custody?.status ?? null },
    });
  }
  if (ctx.wallets.find(customer.seq, input.asset, input.chain)) {
    throw new ApiError(409, `Customer ${customer.doc.id} already has a ${input.asset} wallet on ${input.chain}`);
  }
  const now = ctx.clock.nowIso();
  const wallet = ctx.wallets.insert({
    id: newId('wlt', ctx.clock.now()),
    customerSeq: customer.seq,
    asset: input.asset,
    chain: input.chain,
    address: `0x${randomHex(20)}`,
    status: 'active',
    type: 'internal',
    balanceMicros: 0,
    createdAt: now,
    updatedAt: now,
  });
  const object = presentWallet(wallet, customer.doc.id);
  emitEvent(ctx, 'wallet.created', object, customer.doc.id);
  return ok(object, 201);
}

function list({ ctx, params, query }: ApiRequest) {
  const q = parseQuery(listWalletsQuery, query);
  const customer = requireCustomer(ctx, params.id!);
  const after = decodeCursor(q.cursor) ?? 0;
  if (Number.isNaN(after)) throw new ApiError(400, 'query.cursor: not a cursor returned by this endpoint');
  const rows = ctx.wallets.page(customer.seq, after, q.limit);
  const hasMore = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return ok({ data: page.map((w) => presentWallet(w, customer.doc.id)), hasMore, cursor: hasMore && last ? encodeCursor(last.seq) : null });
}

function balance({ ctx, params, query }: ApiRequest) {
  const { estimatedBalanceCurrencyCode: currency } = parseQuery(balanceQuery, query);
  const w = requireWallet(ctx, params.id!);
  return ok({
    walletId: w.id,
    asset: w.asset,
    chain: w.chain,
    balance: formatMicros(w.balanceMicros),
    estimatedValue: formatMicros(estimateValue(w.balanceMicros, w.asset, currency)),
    currency,
    updatedAt: w.updatedAt,
  });
}

function transactions({ ctx, params, query }: ApiRequest) {
  const q = parseQuery(transactionsQuery, query);
  const w = requireWallet(ctx, params.id!);
  return ok(ctx.wallets.transactionPage({ column: 'wallet_seq', seq: w.seq }, q, (id) => transactionCursor(ctx, id)));
}

export function registerWalletRoutes(router: Router<ApiRoute>): void {
  const route = (handler: ApiRoute['handler'], idempotent = false): ApiRoute => ({ auth: true, idempotent, handler });
  router
    .add('POST', '/customers/{id}/wallets', route(create, true))
    .add('GET', '/customers/{id}/wallets', route(list))
    .add('GET', '/wallets/{id}', route(({ ctx, params }) => {
      const w = requireWallet(ctx, params.id!);
      return ok(presentWallet(w, customerIdOf(ctx, w)));
    }))
    .add('GET', '/wallets/{id}/balance', route(balance))
    .add('GET', '/accounts/{id}/transactions', route(transactions));
}

/** Control API deposit: moves the balance, records a transaction, fires wallet.depositDetected. */
export function deposit(ctx: SandboxContext, walletId: string, micros: number): Record<string, unknown> {
  const w = requireWallet(ctx, walletId);
  const customerId = customerIdOf(ctx, w);
  const now = ctx.clock.nowIso();
  ctx.wallets.addBalance(w.seq, micros, now);
  const txn = {
    id: newId('txn', ctx.clock.now()),
    object: 'transaction',
    type: 'deposit',
    status: 'completed',
    customerId,
    walletId: w.id,
    asset: w.asset,
    chain: w.chain,
    amount: formatMicros(micros),
    destination: { walletId: w.id, address: w.address },
    source: { blockchainAddress: `0x${randomHex(20)}` },
    transactionHash: `0x${randomHex(32)}`,
    createdAt: now,
    updatedAt: now,
  };
  ctx.wallets.insertTransaction({ id: txn.id, customerSeq: w.customerSeq, walletSeq: w.seq, createdAt: now, doc: txn });
  const updated = ctx.wallets.byId(w.id)!;
  emitEvent(ctx, 'wallet.depositDetected', { ...presentWallet(updated, customerId), balance: formatMicros(updated.balanceMicros), transaction: txn }, customerId);
  return txn;
}
