import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { formatUnits, newTxHash } from '../assets.ts';
import type { SandboxContext } from '../context.ts';
import { add, cmp, dec, format, mul, rescale, sub, type Dec } from '../decimal.ts';
import { ApiError, notFound } from '../http-util.ts';
import { newId } from '../ids.ts';
import { parseJson, type Row } from '../store/db.ts';
import type { StoredCustomer } from '../types.ts';
import { emitEvent } from '../webhooks/emitter.ts';
import { findLocation } from './cash-locations.ts';
import { requireEndorsement, resolveDestination } from './quotes.ts';
import { noFees, publicDoc, TXN_LINKS } from './transactions.ts';

/**
 * Retail cash-in (contract §6): a pending order with a deposit code valid one hour, authorised at
 * the counter by the documented sandbox simulations (barcode-auth, then auth-commit), which credit
 * the wallet and complete the order. Fee schedule [choice]: 1.5 % + 0.50 USD, usd → usdc at 1.
 */
const CODE_TTL_MS = 3600_000;
const FEE_RATE = dec('0.015');
const FEE_FIXED = dec('0.50');
const MAX_CASH = dec('500.00');
const usd = z.string().max(20).regex(/^\d{1,6}(\.\d{1,2})?$/, 'must be a USD amount with at most 2 decimals, e.g. "100.00"');

export const createCashInSchema = z.strictObject({
  customerId: z.string().min(1).max(100),
  source: z.strictObject({ asset: z.literal('usd', { error: 'must be "usd"' }), indicatedAmount: usd.optional() }),
  destination: z.strictObject({
    asset: z.literal('usdc', { error: 'cash-ins fund usdc' }),
    network: z.string().min(1).max(20),
    wallet: z.strictObject({ wallet: z.string().max(100).optional(), id: z.string().max(100).optional(), blockchainAddress: z.string().max(120).optional(), externalAccount: z.string().max(100).optional() }),
  }),
  cash: z.strictObject({ cashLocationId: z.string().min(1).max(100), cashLocationReference: z.string().max(100).optional() }),
  metadata: z.record(z.string().max(40), z.string().max(500)).optional(),
});

/**
 * The barcode-auth body is undocumented, so a client written against the real OMS may name the code
 * `code`, `barcode` or `depositCode` and may add the `amount` or the `cashInId`: accept each shape,
 * exactly one code, and check what is given against the cash-in the code belongs to.
 */
const Code = z.string().min(1).max(40);
export const barcodeSchema = z
  .strictObject({
    code: Code.optional(),
    barcode: Code.optional(),
    depositCode: Code.optional(),
    amount: z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, 'must be a decimal string like "40.00"').optional(),
    cashInId: z.string().min(1).max(100).optional(),
  })
  .refine((b) => [b.code, b.barcode, b.depositCode].filter((v) => v !== undefined).length === 1, {
    message: 'give the deposit code once, as code, barcode or depositCode',
    path: ['code'],
  });
export type BarcodeBody = z.infer<typeof barcodeSchema>;
export const commitSchema = z.strictObject({
  accountNumber: z.string().min(1).max(40),
  accountReferenceNumber: z.string().min(1).max(100),
  amount: usd,
  originalConfirmationId: z.string().min(1).max(100),
  customerId: z.string().max(100).optional(),
  description: z.string().max(500).optional(),
});

interface StoredCashIn {
  seq: number;
  customerSeq: number;
  doc: Record<string, unknown>;
}

/** The fee schedule applied to a cash amount: what OMS keeps and what the wallet receives (usd → usdc at 1). */
function cashSplit(paid: Dec): { fee: Dec; credited: Dec } {
  const fee = add(rescale(mul(paid, FEE_RATE), 2, 'ceil'), FEE_FIXED);
  return { fee, credited: rescale(sub(paid, fee), 2) };
}

/** The documented amount fields of both legs (API reference cash-in object), for an amount paid or indicated. */
function cashLegs(paid: Dec) {
  const { fee, credited } = cashSplit(paid);
  const net = credited.units > 0n ? credited : rescale(dec('0'), 2);
  const f = format(fee);
  return {
    source: { amount: format(paid), amountGross: format(paid), amountNet: format(net), feesDeducted: { developer: '0.00', gas: '0.00', oms: f, total: f } },
    destination: { amountGross: formatUnits(rescale(net, 6).units, 'usdc'), amountNet: formatUnits(rescale(net, 6).units, 'usdc'), feesDeducted: noFees('usdc') },
  };
}

function newCode(): string {
  const letters = Array.from({ length: 3 }, () => 'ABCDEFGHJKLMNPQRSTUVWXYZ'[randomInt(24)]).join('');
  return `${letters} ${String(randomInt(10_000, 100_000))}`;
}

const normCode = (code: string) => code.toUpperCase().replace(/\s+/g, ' ').trim();

function save(ctx: SandboxContext, c: StoredCashIn): void {
  ctx.db.prepare('UPDATE cash_ins SET code = ?, doc = ? WHERE seq = ?').run(String((c.doc.depositInstructions as { code: string }).code), JSON.stringify(c.doc), c.seq);
}

/** Past its code's expiry on the sandbox clock, a pending (or authorised) order reads as expired. */
function withExpiry(ctx: SandboxContext, c: StoredCashIn): StoredCashIn {
  const expiresAt = Date.parse(String((c.doc.depositInstructions as { expiresAt: string }).expiresAt));
  if ((c.doc.status === 'pending' || c.doc.status === 'processing') && expiresAt <= ctx.clock.now()) {
    c.doc = { ...c.doc, status: 'expired', subStatus: 'cash_deposit_expired', updatedAt: ctx.clock.nowIso() };
    save(ctx, c);
  }
  return c;
}

function toStored(row: Row): StoredCashIn {
  return { seq: Number(row.seq), customerSeq: Number(row.customer_seq), doc: parseJson(row.doc) };
}

export function loadCashIn(ctx: SandboxContext, id: string): StoredCashIn {
  const row = ctx.db.prepare('SELECT * FROM cash_ins WHERE id = ?').get(id) as Row | undefined;
  if (!row) throw notFound('Cash-in', id);
  return withExpiry(ctx, toStored(row));
}

export function createCashIn(ctx: SandboxContext, customer: StoredCustomer, input: z.infer<typeof createCashInSchema>): Record<string, unknown> {
  requireEndorsement(ctx, customer, 'usd', 'pay in cash');
  const dest = resolveDestination(ctx, customer.seq, { asset: input.destination.asset, network: input.destination.network, wallet: input.destination.wallet });
  if (dest.wallet) requireEndorsement(ctx, customer, 'cryptoCustody', 'hold crypto');
  const loc = findLocation(input.cash.cashLocationId);
  if (!loc) throw new ApiError(400, `cash.cashLocationId: unknown cash location ${input.cash.cashLocationId} (see GET /cash-locations)`);
  if (input.cash.cashLocationReference !== undefined && input.cash.cashLocationReference !== loc.cashLocationReference) {
    throw new ApiError(400, `cash.cashLocationReference: does not match location ${loc.id} (${loc.cashLocationReference})`);
  }
  const indicated = input.source.indicatedAmount ?? '100.00';
  if (dec(indicated).units === 0n || rescale(dec(indicated), 2).units > rescale(MAX_CASH, 2).units) throw new ApiError(400, 'source.indicatedAmount: must be more than 0 and at most 500.00 USD');
  const now = ctx.clock.now();
  const address = `${loc.address.line1}, ${loc.address.city}, ${loc.address.state} ${loc.address.zipCode}`;
  const legs = cashLegs(rescale(dec(indicated), 2));
  const doc: Record<string, unknown> = {
    id: newId('ci', now),
    object: 'cashIn',
    status: 'pending',
    subStatus: 'order_reserved',
    customerId: customer.doc.id,
    source: { asset: 'usd', network: 'cash', indicatedAmount: format(rescale(dec(indicated), 2)), ...legs.source },
    destination: { wallet: dest.wallet ? { wallet: dest.wallet.id, blockchainAddress: dest.wallet.address } : { blockchainAddress: dest.address }, asset: 'usdc', network: input.destination.network, ...legs.destination },
    cash: { locationId: loc.id, locationReference: loc.cashLocationReference },
    location: { name: loc.name, address },
    depositInstructions: { code: newCode(), expiresAt: new Date(now + CODE_TTL_MS).toISOString(), locationName: loc.name, locationAddress: address },
    omsFeeSchedule: { feeCurrency: 'usd', entries: [{ type: 'percentage', rate: '0.015' }, { type: 'fixed', amount: '0.50' }] },
    rates: { exchangeRate: '1', effectiveRate: '1', pair: 'usd/usdc' },
    developerFees: [],
    sponsorGas: false,
    sponsorGasCost: '0',
    transactionId: null,
    metadata: input.metadata ?? {},
    createdAt: new Date(now).toISOString(),
    updatedAt: new Date(now).toISOString(),
    completedAt: null,
  };
  ctx.db.prepare('INSERT INTO cash_ins (id, customer_seq, code, created_at, doc) VALUES (?, ?, ?, ?, ?)').run(String(doc.id), customer.seq, (doc.depositInstructions as { code: string }).code, String(doc.createdAt), JSON.stringify(doc));
  return doc;
}

export function refreshCashIn(ctx: SandboxContext, id: string): Record<string, unknown> {
  const c = loadCashIn(ctx, id);
  if (c.doc.status !== 'pending' && c.doc.status !== 'expired') throw new ApiError(409, `Cash-in ${id} is ${String(c.doc.status)}; only a pending or expired code can be refreshed`);
  const now = ctx.clock.now();
  const di = c.doc.depositInstructions as Record<string, unknown>;
  c.doc = { ...c.doc, status: 'pending', subStatus: 'order_reserved', depositInstructions: { ...di, code: newCode(), expiresAt: new Date(now + CODE_TTL_MS).toISOString() }, updatedAt: new Date(now).toISOString() };
  save(ctx, c);
  return publicDoc(c.doc);
}

/** Sandbox: the clerk scans the code (body shapes: barcodeSchema). */
export function barcodeAuth(ctx: SandboxContext, body: BarcodeBody): Record<string, unknown> {
  const code = (body.code ?? body.barcode ?? body.depositCode)!;
  const row = ctx.db.prepare('SELECT * FROM cash_ins WHERE code = ?').get(normCode(code)) as Row | undefined;
  if (!row) throw new ApiError(404, 'No cash-in has this deposit code', { code: 'not_found' });
  const c = withExpiry(ctx, toStored(row));
  if (body.cashInId !== undefined && body.cashInId !== c.doc.id) throw new ApiError(400, `cashInId: the deposit code belongs to another cash-in, not ${body.cashInId}`);
  const indicated = (c.doc.source as { indicatedAmount: string }).indicatedAmount;
  if (body.amount !== undefined && cmp(dec(body.amount), dec(indicated)) !== 0) throw new ApiError(400, `amount: ${body.amount} is not the cash-in's amount ${indicated}`);
  if (c.doc.status === 'expired') throw new ApiError(422, `The deposit code of cash-in ${String(c.doc.id)} expired; refresh it`, { code: 'cash_in_expired' });
  if (c.doc.status !== 'pending') throw new ApiError(409, `Cash-in ${String(c.doc.id)} is ${String(c.doc.status)}`);
  const confirmationId = `conf_${randomInt(1e9, 1e10 - 1)}`;
  c.doc = { ...c.doc, status: 'processing', _confirmationId: confirmationId, updatedAt: ctx.clock.nowIso() };
  save(ctx, c);
  return {
    cashInId: c.doc.id,
    accountNumber: normCode(code).replace(/\D/g, ''),
    accountReferenceNumber: c.doc.id,
    amount: (c.doc.source as { indicatedAmount: string }).indicatedAmount,
    originalConfirmationId: confirmationId,
    responseCode: '00',
    responseText: 'Barcode authorized',
  };
}

/** Sandbox: the cash is in the till. Credits the wallet, completes the order, fires both events. */
export function authCommit(ctx: SandboxContext, input: z.infer<typeof commitSchema>): Record<string, unknown> {
  const c = loadCashIn(ctx, input.accountReferenceNumber);
  if (c.doc.status === 'expired') throw new ApiError(422, `Cash-in ${input.accountReferenceNumber} expired before the payment was committed`, { code: 'cash_in_expired' });
  if (c.doc.status !== 'processing') throw new ApiError(409, `Cash-in ${input.accountReferenceNumber} is ${String(c.doc.status)}; authorise the barcode first`);
  if (input.originalConfirmationId !== c.doc._confirmationId) throw new ApiError(422, 'originalConfirmationId: does not match the barcode authorisation', { code: 'confirmation_mismatch' });
  const code = (c.doc.depositInstructions as { code: string }).code;
  if (input.accountNumber !== code.replace(/\D/g, '')) throw new ApiError(422, 'accountNumber: does not match the deposit code', { code: 'confirmation_mismatch' });
  const customer = ctx.customers.bySeq(c.customerSeq)!;
  if (input.customerId !== undefined && input.customerId !== customer.doc.id) throw new ApiError(422, 'customerId: not the customer of this cash-in', { code: 'confirmation_mismatch' });
  const paid = rescale(dec(input.amount), 2);
  const { fee, credited } = cashSplit(paid);
  if (credited.units <= 0n) throw new ApiError(422, `amount: ${input.amount} USD does not cover the fee (${format(fee)} USD)`, { code: 'amount_too_small' });
  const now = ctx.clock.nowIso();
  const dest = c.doc.destination as { wallet: { wallet?: string; blockchainAddress?: string }; asset: string; network: string };
  const wallet = dest.wallet.wallet ? ctx.wallets.byId(dest.wallet.wallet) : undefined;
  const units = rescale(credited, 6);
  if (wallet) ctx.wallets.addBalance(wallet.seq, units.units, now);
  const feeText = format(fee);
  const txnId = newId('txn', ctx.clock.now());
  const txn = {
    id: txnId,
    object: 'transaction',
    ...TXN_LINKS,
    type: 'fiatToCrypto',
    status: 'completed',
    subStatus: 'settled',
    role: 'both',
    quoteId: null,
    cashInId: c.doc.id,
    sender: customer.doc.id,
    recipient: customer.doc.id,
    source: { asset: 'usd', network: 'cash', amountGross: format(paid), amountNet: format(credited), feesDeducted: { developer: '0.00', gas: '0.00', oms: feeText, total: feeText }, txHash: null },
    destination: { asset: 'usdc', network: dest.network, amountGross: formatUnits(units.units, 'usdc'), amountNet: formatUnits(units.units, 'usdc'), feesDeducted: noFees('usdc'), wallet: dest.wallet.wallet ? { id: dest.wallet.wallet, blockchainAddress: dest.wallet.blockchainAddress } : dest.wallet, txHash: newTxHash(dest.network) },
    rates: c.doc.rates,
    error: null,
    metadata: {},
    createdAt: now,
    updatedAt: now,
    completedAt: now,
  };
  ctx.transactions.insert({ id: txnId, customerSeq: customer.seq, walletSeq: null, recipientSeq: customer.seq, dstWalletSeq: wallet?.seq ?? null, type: 'fiatToCrypto', status: 'completed', createdAt: now, dueAt: null, doc: txn });
  const legs = cashLegs(paid);
  c.doc = {
    ...c.doc,
    source: { ...(c.doc.source as object), ...legs.source },
    destination: { ...(c.doc.destination as object), ...legs.destination },
    status: 'completed',
    subStatus: 'settled',
    transactionId: txnId,
    completedAt: now,
    updatedAt: now,
  };
  save(ctx, c);
  emitEvent(ctx, 'transaction.fiatToCrypto.completed', txn, customer.doc.id);
  emitEvent(ctx, 'cashIn.completed', publicDoc(c.doc), customer.doc.id);
  return { authorizedAmount: format(paid), confirmationId: `conf_${randomInt(1e9, 1e10 - 1)}`, responseCode: '00', responseId: newId('rsp', ctx.clock.now()), responseText: 'Approved' };
}

export function listCashIns(ctx: SandboxContext, f: { customerSeq?: number | undefined; status?: string | undefined; beforeSeq?: number | undefined; limit: number }) {
  const where: string[] = [];
  const params: (number | string)[] = [];
  if (f.customerSeq !== undefined) {
    where.push('customer_seq = ?');
    params.push(f.customerSeq);
  }
  if (f.beforeSeq !== undefined) {
    where.push('seq < ?');
    params.push(f.beforeSeq);
  }
  // Expiry is applied as rows are read, so a status filter runs after it (cash-ins are few).
  const limit = f.status ? '' : ` LIMIT ${f.limit + 1}`;
  const rows = (ctx.db.prepare(`SELECT * FROM cash_ins${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC${limit}`).all(...params) as Row[]).map((r) => withExpiry(ctx, toStored(r)));
  const matching = f.status ? rows.filter((r) => r.doc.status === f.status) : rows;
  return { page: matching.slice(0, f.limit), hasMore: matching.length > f.limit };
}
