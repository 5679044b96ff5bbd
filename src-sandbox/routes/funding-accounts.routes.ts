import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { newAddress, newTxHash, parseAssetAmount } from '../assets.ts';
import type { SandboxContext } from '../context.ts';
import { format, rescale } from '../decimal.ts';
import { ApiError, notFound } from '../http-util.ts';
import { newId } from '../ids.ts';
import { requireEndorsement, resolveDestination } from '../money/quotes.ts';
import { noFees, TXN_LINKS } from '../money/transactions.ts';
import type { Router } from '../router.ts';
import { parseJson, type Row } from '../store/db.ts';
import { parseBody } from '../validate.ts';
import { emitEvent } from '../webhooks/emitter.ts';
import { requireCustomer } from './customers.routes.ts';
import { notAvailable } from './external-accounts.routes.ts';
import { ok, type ApiRequest, type ApiRoute } from './route-types.ts';

/**
 * Contract §5: deposit addresses and virtual accounts are NOT in OMS v0.9 → 404 `not_available`.
 * With `--preview` they take their intended shapes, and the documented `…/simulate` routes land a
 * deposit in the destination wallet and fire `transaction.fiatToCrypto.completed` (the docs name
 * that event for both, even for a crypto deposit address).
 */
const walletRef = z.strictObject({ wallet: z.string().max(100).optional(), id: z.string().max(100).optional() });
const destination = z.strictObject({ wallet: walletRef, asset: z.literal('usdc', { error: 'the preview funds usdc wallets' }), network: z.string().max(20) });
const metadata = z.record(z.string().max(40), z.string().max(500)).refine((m) => Object.keys(m).length <= 20, 'at most 20 pairs');

const depositAddressSchema = z.strictObject({
  source: z.strictObject({ asset: z.enum(['usdc', 'usdt']), network: z.enum(['polygon', 'ethereum']) }),
  destination,
  developerFees: z.array(z.strictObject({ percentage: z.string().max(20).optional(), flatFee: z.string().max(20).optional() })).max(5).optional(),
  label: z.string().max(100).optional(),
  metadata: metadata.optional(),
});
const daSimulateSchema = z.strictObject({ amount: z.strictObject({ value: z.string().max(40) }) });
const virtualAccountSchema = z.strictObject({ destination, accountholderName: z.string().min(1).max(200).optional(), metadata: metadata.optional() });
const vaSimulateSchema = z.strictObject({ rail: z.enum(['ach_in', 'wire_in', 'swift_in']), amount: z.string().max(20), reference: z.string().max(100).optional() });

function load(ctx: SandboxContext, kind: string, id: string): { customerSeq: number; doc: Record<string, unknown> } {
  const row = ctx.db.prepare('SELECT customer_seq, doc FROM funding_accounts WHERE kind = ? AND id = ?').get(kind, id) as Row | undefined;
  if (!row) throw notFound(kind === 'da' ? 'Deposit address' : 'Virtual account', id);
  return { customerSeq: Number(row.customer_seq), doc: parseJson(row.doc) };
}

function insert(ctx: SandboxContext, kind: string, customerSeq: number, doc: Record<string, unknown>): void {
  ctx.db.prepare('INSERT INTO funding_accounts (id, kind, customer_seq, created_at, doc) VALUES (?, ?, ?, ?, ?)').run(String(doc.id), kind, customerSeq, String(doc.createdAt), JSON.stringify(doc));
}

function resolveWallet(ctx: SandboxContext, customerSeq: number, d: z.infer<typeof destination>) {
  const dest = resolveDestination(ctx, customerSeq, { asset: d.asset, network: d.network, wallet: d.wallet });
  if (!dest.wallet || dest.wallet.customerSeq !== customerSeq) throw new ApiError(400, "destination.wallet: must be one of the customer's own wallets");
  return dest.wallet;
}

/** Credits the destination wallet and records the documented fiatToCrypto transaction. */
function land(ctx: SandboxContext, customerSeq: number, walletId: string, source: { asset: string; network: string }, amount: string, link: Record<string, unknown>) {
  const w = ctx.wallets.byId(walletId);
  if (!w) throw new ApiError(422, `The destination wallet ${walletId} no longer exists`);
  const units = parseAssetAmount(amount, 'usdc');
  if (!units || units.units <= 0n) throw new ApiError(400, 'amount: must be a positive decimal with at most 6 decimals');
  const now = ctx.clock.nowIso();
  ctx.wallets.addBalance(w.seq, units.units, now);
  const customerId = ctx.customers.bySeq(customerSeq)!.doc.id;
  const value = format(units);
  const id = newId('txn', ctx.clock.now());
  const doc = {
    id, object: 'transaction', ...TXN_LINKS, type: 'fiatToCrypto', status: 'completed', subStatus: 'settled', role: 'recipient', quoteId: null, ...link,
    sender: null, recipient: customerId,
    source: { ...source, amountGross: value, amountNet: value, feesDeducted: noFees(source.asset === 'usd' ? 'usd' : 'usdc'), txHash: source.asset === 'usd' ? null : newTxHash(source.network) },
    destination: { asset: 'usdc', network: w.chain, amountGross: value, amountNet: value, feesDeducted: noFees('usdc'), wallet: { id: w.id, blockchainAddress: w.address }, txHash: newTxHash(w.chain) },
    error: null, metadata: {}, createdAt: now, updatedAt: now, completedAt: now,
  };
  ctx.transactions.insert({ id, customerSeq, walletSeq: null, recipientSeq: customerSeq, dstWalletSeq: w.seq, type: 'fiatToCrypto', status: 'completed', createdAt: now, dueAt: null, doc });
  emitEvent(ctx, 'transaction.fiatToCrypto.completed', doc, customerId);
  return doc;
}

function createDepositAddress({ ctx, params, body }: ApiRequest) {
  const input = parseBody(depositAddressSchema, body);
  const c = requireCustomer(ctx, params.id!);
  requireEndorsement(ctx, c, 'cryptoCustody', 'receive crypto');
  const w = resolveWallet(ctx, c.seq, input.destination);
  const now = ctx.clock.nowIso();
  const address = newAddress(input.source.network);
  const doc = {
    id: newId('da', ctx.clock.now()), object: 'depositAddress', customerId: c.doc.id, status: 'active', transactionType: 'cryptoToCrypto',
    source: { asset: input.source.asset, network: input.source.network, depositInstructions: { address, asset: input.source.asset, network: input.source.network } },
    destination: { wallet: w.id, asset: 'usdc', network: w.chain }, developerFees: input.developerFees ?? [], label: input.label ?? null, metadata: input.metadata ?? {}, createdAt: now,
  };
  insert(ctx, 'da', c.seq, doc);
  return ok(doc, 201);
}

function simulateDepositAddress({ ctx, params, body }: ApiRequest) {
  const input = parseBody(daSimulateSchema, body);
  const da = load(ctx, 'da', params.id!);
  if (da.doc.status !== 'active') throw new ApiError(409, `Deposit address ${params.id} is ${String(da.doc.status)}`);
  const src = da.doc.source as { asset: string; network: string };
  const txn = land(ctx, da.customerSeq, String((da.doc.destination as { wallet: string }).wallet), src, input.amount.value, { depositAddressId: da.doc.id });
  return ok({ amount: { value: (txn.source as { amountGross: string }).amountGross, currency: src.asset }, depositAddressId: da.doc.id, network: src.network, status: 'submitted', submittedAt: txn.createdAt, transactionHash: (txn.source as { txHash: string }).txHash });
}

function createVirtualAccount({ ctx, params, body }: ApiRequest) {
  const input = parseBody(virtualAccountSchema, body);
  const c = requireCustomer(ctx, params.id!);
  requireEndorsement(ctx, c, 'usd', 'hold a USD virtual account');
  const w = resolveWallet(ctx, c.seq, input.destination);
  const owner = input.accountholderName ?? [c.doc.firstName, c.doc.lastName].filter(Boolean).join(' ');
  const doc = {
    id: newId('va', ctx.clock.now()), object: 'virtualAccount', customerId: c.doc.id, status: 'active', source: { asset: 'usd', network: 'usBank' },
    bankDetails: { bankName: 'Sandbox Bank, N.A.', accountNumber: String(randomInt(1e9, 1e10 - 1)), routingNumber: '021000021', accountType: 'checking', ownerName: owner, reference: `OMS${randomInt(1e6, 1e7 - 1)}` },
    destination: { wallet: w.id, asset: 'usdc', network: w.chain }, accountholderName: owner, metadata: input.metadata ?? {}, createdAt: ctx.clock.nowIso(),
  };
  insert(ctx, 'va', c.seq, doc);
  return ok(doc, 201);
}

function simulateVirtualAccount({ ctx, params, body }: ApiRequest) {
  const input = parseBody(vaSimulateSchema, body);
  const va = load(ctx, 'va', params.id!);
  const usd = parseAssetAmount(input.amount, 'usd');
  if (!usd || usd.units <= 0n) throw new ApiError(400, 'amount: must be a positive USD amount with at most 2 decimals');
  const txn = land(ctx, va.customerSeq, String((va.doc.destination as { wallet: string }).wallet), { asset: 'usd', network: input.rail.replace('_in', '') }, format(rescale(usd, 6)), { virtualAccountId: va.doc.id });
  return ok({ amount: { value: format(usd), currency: 'usd' }, virtualAccountId: va.doc.id, rail: input.rail, status: 'submitted', submittedAt: txn.createdAt, transactionId: txn.id });
}

function listFor(kind: string) {
  return ({ ctx, params }: ApiRequest) => {
    const c = requireCustomer(ctx, params.id!);
    const rows = ctx.db.prepare('SELECT doc FROM funding_accounts WHERE kind = ? AND customer_seq = ? ORDER BY seq DESC').all(kind, c.seq) as Row[];
    return ok({ data: rows.map((r) => parseJson(r.doc)), hasMore: false, nextCursor: null });
  };
}

export function registerFundingAccountRoutes(router: Router<ApiRoute>, preview: boolean): void {
  const route = (handler: ApiRoute['handler'], idempotent = false): ApiRoute => ({ auth: true, idempotent: preview && idempotent, handler: preview ? handler : notAvailable });
  router
    .add('POST', '/customers/{id}/deposit-addresses', route(createDepositAddress, true))
    .add('GET', '/customers/{id}/deposit-addresses', route(listFor('da')))
    .add('GET', '/deposit-addresses/{id}', route(({ ctx, params }) => ok(load(ctx, 'da', params.id!).doc)))
    .add('POST', '/deposit-addresses/{id}/simulate', route(simulateDepositAddress, true))
    .add('POST', '/customers/{id}/virtual-accounts', route(createVirtualAccount, true))
    .add('GET', '/customers/{id}/virtual-accounts', route(listFor('va')))
    .add('GET', '/virtual-accounts/{id}', route(({ ctx, params }) => ok(load(ctx, 'va', params.id!).doc)))
    .add('POST', '/virtual-accounts/{id}/simulate', route(simulateVirtualAccount, true));
}
