import { decimalsOf, formatUnits, newAddress, newTxHash } from '../assets.ts';
import type { SandboxContext } from '../context.ts';
import { format, type Dec } from '../decimal.ts';
import { notFound } from '../http-util.ts';
import { newId } from '../ids.ts';
import { presentWallet } from '../presenters.ts';
import type { TxnRow } from '../store/transactions.repo.ts';
import type { WalletRecord } from '../types.ts';
import { emitEvent } from '../webhooks/emitter.ts';

/**
 * The documented transaction object (contract §6): `type` fiatToCrypto|cryptoToFiat|cryptoToCrypto,
 * `status` processing|cashPickupReady|completed|failed, amounts per leg under `source`/`destination`.
 */
export type TxnType = 'fiatToCrypto' | 'cryptoToFiat' | 'cryptoToCrypto';
export type TxnStatus = 'processing' | 'cashPickupReady' | 'completed' | 'failed';
export const TXN_TYPES = ['fiatToCrypto', 'cryptoToFiat', 'cryptoToCrypto'] as const;
export const TXN_STATUSES = ['processing', 'cashPickupReady', 'completed', 'failed'] as const;

export interface Fees {
  developer: string;
  gas: string;
  oms: string;
  total: string;
}

export function noFees(asset: string): Fees {
  const z = format({ units: 0n, scale: decimalsOf(asset) });
  return { developer: z, gas: z, oms: z, total: z };
}

/**
 * Links every transaction carries, null unless they apply (the API reference lists them on the
 * object: a cash-in, a deposit address, a cash pickup, deposit instructions).
 */
export const TXN_LINKS = { cashInId: null, depositAddressId: null, cashPickup: null, depositInstructions: null } as const;

export function customerIdOfWallet(ctx: SandboxContext, w: WalletRecord): string {
  return ctx.customers.bySeq(w.customerSeq)?.doc.id ?? '';
}

export function requireTransaction(ctx: SandboxContext, id: string): TxnRow {
  const t = ctx.transactions.byId(id);
  if (!t) throw notFound('Transaction', id);
  return t;
}

/** The API view of a stored transaction: keys starting with `_` are the sandbox's own bookkeeping. */
export function publicDoc(doc: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(doc).filter(([k]) => !k.startsWith('_')));
}

/** Moves a transaction to `status`, stamps it and emits `transaction.<type>.<status>`; `dueAt` = next scheduled step. */
export function transition(ctx: SandboxContext, row: TxnRow, status: TxnStatus, patch: Record<string, unknown>, dueAt: number | null): TxnRow {
  const now = ctx.clock.nowIso();
  const doc: Record<string, unknown> = { ...row.doc, ...patch, status, updatedAt: now };
  if (status === 'completed') doc.completedAt = now;
  const next: TxnRow = { ...row, status, doc, dueAt };
  ctx.transactions.update(next);
  emitEvent(ctx, `transaction.${row.type}.${status}`, publicDoc(next.doc), String(doc.sender ?? doc.recipient ?? '') || null);
  return next;
}

/**
 * A deposit detected on a wallet (control API simulate-deposit) — recorded the documented way
 * [choice]: a completed `cryptoToCrypto` transaction from an outside address with the wallet as
 * destination and an on-chain hash. Fires `wallet.depositDetected` as before.
 */
export function depositToWallet(ctx: SandboxContext, walletId: string, amount: Dec): Record<string, unknown> {
  const w = ctx.wallets.byId(walletId);
  if (!w) throw notFound('Wallet', walletId);
  const customerId = customerIdOfWallet(ctx, w);
  const now = ctx.clock.nowIso();
  const balance = ctx.wallets.addBalance(w.seq, amount.units, now);
  const value = formatUnits(amount.units, w.asset);
  const txHash = newTxHash(w.chain);
  const leg = { asset: w.asset, network: w.chain, amountGross: value, amountNet: value, feesDeducted: noFees(w.asset), txHash };
  const doc = {
    id: newId('txn', ctx.clock.now()),
    object: 'transaction',
    type: 'cryptoToCrypto',
    status: 'completed',
    subStatus: 'settled',
    role: 'recipient',
    ...TXN_LINKS,
    sender: null,
    recipient: customerId,
    source: { ...leg, wallet: { blockchainAddress: newAddress(w.chain) } },
    destination: { ...leg, wallet: { id: w.id, blockchainAddress: w.address } },
    quoteId: null,
    error: null,
    metadata: {},
    createdAt: now,
    updatedAt: now,
    completedAt: now,
  };
  ctx.transactions.insert({ id: doc.id, customerSeq: w.customerSeq, walletSeq: null, recipientSeq: w.customerSeq, dstWalletSeq: w.seq, type: 'cryptoToCrypto', status: 'completed', createdAt: now, dueAt: null, doc });
  const updated = { ...w, balanceUnits: balance, updatedAt: now };
  emitEvent(ctx, 'wallet.depositDetected', { ...presentWallet(updated, customerId), balance: formatUnits(balance, w.asset), transaction: doc }, customerId);
  return doc;
}
