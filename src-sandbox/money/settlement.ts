import { randomInt } from 'node:crypto';
import { ASSETS, newTxHash, parseAssetAmount } from '../assets.ts';
import type { SandboxContext } from '../context.ts';
import { ApiError } from '../http-util.ts';
import { newId } from '../ids.ts';
import type { TxnRow } from '../store/transactions.repo.ts';
import { tx } from '../store/db.ts';
import { findLocation } from './cash-locations.ts';
import { hasBalance, insufficient, loadQuote, requireEndorsement, saveQuote } from './quotes.ts';
import { publicDoc, transition, TXN_LINKS } from './transactions.ts';

/**
 * Executing a quote (`POST /transactions`) and the lifecycle after it. The source is debited by
 * `source.amountGross` at once (processing), so no later request can spend it twice; after the
 * settlement delay the transaction completes (destination credited by `destination.amountNet`),
 * becomes `cashPickupReady` (cash out), or fails and the debit is returned. Failures are
 * reproducible: a quote whose fixed amount is exactly `13.13`, or `failNext` from the control API.
 */
export const MAGIC_FAIL_AMOUNT = '13.13';

export interface ExecuteInput {
  quoteId: string;
  metadata?: Record<string, string> | undefined;
  partnerTransactionId?: number | undefined;
  sourceWalletAddress?: string | undefined;
  tags?: string[] | undefined;
  deviceFingerprint?: string | undefined;
  paymentMethodId?: string | undefined;
  webSessionId?: string | undefined;
}

type Leg = Record<string, unknown> & { asset: string; network: string; amountGross: string; amountNet: string; walletId?: string };

export function executeQuote(ctx: SandboxContext, input: ExecuteInput): Record<string, unknown> {
  const q = loadQuote(ctx, input.quoteId);
  if (q.doc.status === 'accepted') {
    throw new ApiError(409, `Quote ${input.quoteId} was already executed (transaction ${String(q.doc.transactionId)}); request a new quote`, {
      code: 'quote_already_accepted',
      details: { transactionId: q.doc.transactionId },
    });
  }
  if (q.doc.status === 'expired') throw new ApiError(422, `Quote ${input.quoteId} expired at ${String(q.doc.expiresAt)}; request a new quote`, { code: 'quote_expired' });
  const source = q.doc.source as Leg;
  const destination = q.doc.destination as Leg & { wallet?: { id?: string; blockchainAddress?: string } };
  const w = ctx.wallets.byId(String(source.walletId));
  if (!w) throw new ApiError(422, `The quote's source wallet ${String(source.walletId)} no longer exists`);
  if (input.sourceWalletAddress !== undefined && input.sourceWalletAddress !== w.address) {
    throw new ApiError(400, `sourceWalletAddress: does not match the quote's source wallet ${w.id}`);
  }
  const customer = ctx.customers.bySeq(w.customerSeq)!;
  requireEndorsement(ctx, customer, 'cryptoCustody', 'move crypto');
  if (ASSETS[destination.asset]?.fiat) requireEndorsement(ctx, customer, 'usd', 'receive usd');
  const need = parseAssetAmount(source.amountGross, w.asset)!;
  if (!hasBalance(w, need)) throw insufficient(w, need);
  const now = ctx.clock.nowIso();
  ctx.wallets.addBalance(w.seq, -need.units, now);

  const target = destination.wallet?.id ? ctx.wallets.byId(destination.wallet.id) : undefined;
  const recipientSeq = target ? target.customerSeq : destination.network === 'cash' || destination.externalAccountId ? customer.seq : null;
  const recipientId = recipientSeq === null ? null : ctx.customers.bySeq(recipientSeq)?.doc.id ?? null;
  const fixed = q.doc.fixedAmountSide === 'source' ? source.amountGross : destination.amountNet;
  const fail = ctx.money.failNext > 0 || fixed === MAGIC_FAIL_AMOUNT;
  if (ctx.money.failNext > 0) ctx.money.failNext -= 1;
  const id = newId('txn', ctx.clock.now());
  const doc: Record<string, unknown> = {
    id,
    object: 'transaction',
    ...TXN_LINKS,
    type: q.doc.type,
    status: 'processing',
    subStatus: 'submitted',
    role: recipientSeq === customer.seq ? 'both' : 'sender',
    quoteId: q.doc.id,
    sender: customer.doc.id,
    recipient: recipientId,
    source: { ...source, wallet: { id: w.id, blockchainAddress: w.address }, txHash: null },
    destination: { ...destination, txHash: null },
    rates: q.doc.rates,
    fixedAmountSide: q.doc.fixedAmountSide,
    error: null,
    metadata: input.metadata ?? {},
    partnerTransactionId: input.partnerTransactionId ?? null,
    tags: input.tags ?? [],
    createdAt: now,
    updatedAt: now,
    completedAt: null,
    _outcome: fail ? 'fail' : 'ok',
  };
  const row = ctx.transactions.insert({
    id,
    customerSeq: customer.seq,
    walletSeq: w.seq,
    recipientSeq,
    dstWalletSeq: target?.seq ?? null,
    type: String(q.doc.type),
    status: 'processing',
    createdAt: now,
    dueAt: ctx.clock.now() + ctx.money.settlementDelayMs,
    doc,
  });
  q.doc.status = 'accepted';
  q.doc.transactionId = id;
  saveQuote(ctx, q);
  transition(ctx, row, 'processing', {}, row.dueAt);
  ctx.kick();
  return publicDoc(doc);
}

function legWithHash(leg: unknown, hash: string | null): Record<string, unknown> {
  return { ...(leg as Record<string, unknown>), txHash: hash };
}

/** One step of a processing transaction, in its own write transaction. */
function settleOne(ctx: SandboxContext, t: TxnRow): void {
  if (t.status !== 'processing') {
    ctx.transactions.update({ ...t, dueAt: null });
    return;
  }
  const source = t.doc.source as Leg;
  const destination = t.doc.destination as Leg & { cash?: { locationId: string } };
  const now = ctx.clock.nowIso();
  if (t.doc._outcome === 'fail') {
    if (t.walletSeq !== null) ctx.wallets.addBalance(t.walletSeq, parseAssetAmount(source.amountGross, source.asset)!.units, now);
    transition(ctx, t, 'failed', { subStatus: 'failed', error: { code: 'sandbox_failure', message: 'The sandbox failed this transaction on purpose (magic amount 13.13 or failNext); the source was refunded.' } }, null);
    return;
  }
  const sourceHash = newTxHash(source.network);
  if (destination.network === 'cash') {
    const loc = findLocation(destination.cash?.locationId ?? '');
    const cashPickup = {
      amount: destination.amountNet,
      asset: destination.asset,
      cashCode: String(randomInt(10_000_000, 99_999_999)),
      expiresAt: new Date(ctx.clock.now() + 24 * 3600_000).toISOString(),
      instructions: 'Show this code and a photo ID at the counter within 24 hours.',
      location: loc ? { name: loc.name, provider: loc.provider, ...loc.address, coordinates: loc.coordinates } : null,
      phoneRequired: false,
    };
    transition(ctx, t, 'cashPickupReady', { subStatus: 'awaiting_pickup', source: legWithHash(source, sourceHash), cashPickup }, null);
    return;
  }
  if (t.dstWalletSeq !== null) ctx.wallets.addBalance(t.dstWalletSeq, parseAssetAmount(destination.amountNet, destination.asset)!.units, now);
  const fiat = ASSETS[destination.asset]?.fiat ?? false;
  // One on-chain transfer when the network is the same; a bridge or swap has a second hash.
  const destinationHash = fiat ? null : destination.network === source.network ? sourceHash : newTxHash(destination.network);
  transition(ctx, t, 'completed', { subStatus: 'settled', source: legWithHash(source, sourceHash), destination: legWithHash(destination, destinationHash) }, null);
}

/** Scheduler hook: every transaction whose next step is due. */
export function runDueSettlements(ctx: SandboxContext): void {
  for (const t of ctx.transactions.due(ctx.clock.now())) tx(ctx.db, () => settleOne(ctx, ctx.transactions.byId(t.id)!));
}

/** Control API: the customer collected the cash. */
export function completePickup(ctx: SandboxContext, id: string): Record<string, unknown> {
  const t = ctx.transactions.byId(id);
  if (!t) throw new ApiError(404, `Transaction ${id} not found`);
  if (t.status !== 'cashPickupReady') throw new ApiError(409, `Transaction ${id} is ${t.status}, not cashPickupReady`);
  return publicDoc(transition(ctx, t, 'completed', { subStatus: 'picked_up' }, null).doc);
}
