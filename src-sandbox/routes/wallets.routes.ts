import { z } from 'zod';
import { ASSETS, CRYPTO_ASSETS, newAddress, PAIRS_TEXT } from '../assets.ts';
import type { SandboxContext } from '../context.ts';
import { ApiError, notFound } from '../http-util.ts';
import { newId } from '../ids.ts';
import { customerIdOfWallet } from '../money/transactions.ts';
import { presentWallet, presentWalletBalance } from '../presenters.ts';
import type { Router } from '../router.ts';
import type { WalletRecord } from '../types.ts';
import { limitParam, parseBody, parseQuery } from '../validate.ts';
import { emitEvent } from '../webhooks/emitter.ts';
import { balanceQuery } from './customer-schemas.ts';
import { requireCustomer } from './customers.routes.ts';
import { decodeCursor, encodeCursor, ok, type ApiRequest, type ApiRoute } from './route-types.ts';

/** Exactly the documented pairs (contract §4); anything else is a 400 naming the field. */
const createWalletSchema = z
  .strictObject({
    asset: z.enum(CRYPTO_ASSETS as [string, ...string[]], { error: `must be one of ${CRYPTO_ASSETS.join(', ')}` }),
    chain: z.string().min(1, 'must not be empty').max(40),
  })
  .superRefine((v, c) => {
    const networks = ASSETS[v.asset]?.networks ?? [];
    if (!networks.includes(v.chain)) c.addIssue({ code: 'custom', path: ['chain'], message: `${v.asset} is offered on ${networks.join(', ')} (documented pairs: ${PAIRS_TEXT})` });
  });

const listWalletsQuery = z.strictObject({ limit: limitParam(20, 100), cursor: z.string().optional() });

export function requireWallet(ctx: SandboxContext, id: string): WalletRecord {
  const w = ctx.wallets.byId(id);
  if (!w) throw notFound('Wallet', id);
  return w;
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
    address: newAddress(input.chain),
    status: 'active',
    type: 'internal',
    balanceUnits: 0n,
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
  return ok(presentWalletBalance(requireWallet(ctx, params.id!), currency));
}

export function registerWalletRoutes(router: Router<ApiRoute>): void {
  const route = (handler: ApiRoute['handler'], idempotent = false): ApiRoute => ({ auth: true, idempotent, handler });
  router
    .add('POST', '/customers/{id}/wallets', route(create, true))
    .add('GET', '/customers/{id}/wallets', route(list))
    .add('GET', '/wallets/{id}', route(({ ctx, params }) => {
      const w = requireWallet(ctx, params.id!);
      return ok(presentWallet(w, customerIdOfWallet(ctx, w)));
    }))
    .add('GET', '/wallets/{id}/balance', route(balance));
}
