import type { CustomerBalanceView, WalletBalanceView, WalletView } from '#shared/domain/wallet.ts';
import type { FeesView, LegView, PartyView, TransactionView } from '#shared/domain/transaction.ts';
import type { OmsBalance, OmsCustomerBalance, OmsLeg, OmsParty, OmsTransaction, OmsWallet } from '../../oms/oms-objects.ts';

/*
 * OMS money objects → renderer views, field by field (oms-api.md §4, §6). Anything OMS adds — a
 * transaction side's `owner{dateOfBirth, taxId, …}` for one — stays in main unless mapped here.
 */
const nul = <T>(v: T | null | undefined): T | null => (v === undefined ? null : v);

export function toWalletView(w: OmsWallet): WalletView {
  return {
    id: w.id,
    customerId: nul(w.customerId),
    address: nul(w.address),
    asset: w.asset ?? 'unknown',
    chain: w.chain ?? w.network ?? 'unknown',
    status: w.status ?? 'unknown',
    type: nul(w.type),
    createdAt: nul(w.createdAt),
    updatedAt: nul(w.updatedAt),
  };
}

type Amountish = string | { amount?: string | null | undefined; value?: string | null | undefined } | null | undefined;
const amountOf = (v: Amountish): string | null => (v == null ? null : typeof v === 'string' ? v : (v.amount ?? v.value ?? null));

export function toWalletBalanceView(b: OmsBalance, walletId: string): WalletBalanceView {
  const est = b.estimatedValue;
  return {
    walletId: b.walletId ?? walletId,
    asset: b.asset ?? (typeof b.balance === 'object' ? nul(b.balance?.asset) : null),
    network: b.network ?? b.chain ?? null,
    balance: amountOf(b.balance) ?? b.displayBalance ?? b.amount ?? null,
    estimatedValue: amountOf(est) ?? b.estimatedBalance ?? b.estimatedValueUsd ?? null,
    currency: (typeof est === 'object' ? est?.currency : null) ?? b.currency ?? b.estimatedBalanceCurrencyCode ?? (b.estimatedValueUsd ? 'USD' : null),
  };
}

export function toCustomerBalanceView(b: OmsCustomerBalance, customerId: string): CustomerBalanceView {
  const rows = b.balances ?? b.wallets ?? [];
  return {
    customerId: b.customerId ?? customerId,
    currency: b.currency ?? b.estimatedBalanceCurrencyCode ?? null,
    estimatedTotal: b.estimatedTotal ?? amountOf(b.estimatedValue) ?? b.estimatedBalance ?? null,
    balances: rows.map((r) => ({ ...toWalletBalanceView(r, r.walletId ?? r.id ?? ''), walletId: r.walletId ?? r.id ?? null })),
  };
}

function feesView(f: OmsLeg['feesDeducted']): FeesView | null {
  if (!f) return null;
  return { developer: nul(f.developer), gas: nul(f.gas), oms: nul(f.oms), total: nul(f.total) };
}

export function legView(l: OmsLeg | null | undefined): LegView {
  const w = l?.wallet;
  const wallet = typeof w === 'string' ? { id: w } : w;
  return {
    asset: nul(l?.asset),
    network: nul(l?.network),
    amountGross: l?.amountGross ?? l?.amount ?? null,
    amountNet: nul(l?.amountNet),
    fees: feesView(l?.feesDeducted),
    txHash: nul(l?.txHash),
    walletId: l?.walletId ?? wallet?.id ?? wallet?.wallet ?? null,
    address: l?.address ?? wallet?.blockchainAddress ?? null,
    externalAccountId: l?.externalAccountId ?? wallet?.externalAccountId ?? wallet?.externalAccount ?? null,
  };
}

function partyView(p: OmsParty | null | undefined): PartyView | null {
  if (p == null) return null;
  if (typeof p === 'string') return { customerId: p, walletId: null, address: null };
  return { customerId: p.customerId ?? p.id ?? null, walletId: nul(p.walletId), address: nul(p.address) };
}

export function toTransactionView(t: OmsTransaction): TransactionView {
  const error = t.error == null ? null : typeof t.error === 'string' ? t.error : (t.error.message ?? t.error.code ?? 'failed');
  return {
    id: t.id,
    type: nul(t.type),
    status: t.status ?? 'unknown',
    subStatus: nul(t.subStatus),
    role: nul(t.role),
    source: legView(t.source),
    destination: legView(t.destination),
    sender: partyView(t.sender),
    recipient: partyView(t.recipient),
    quoteId: nul(t.quoteId),
    cashInId: nul(t.cashInId),
    error,
    createdAt: nul(t.createdAt),
    completedAt: nul(t.completedAt),
    updatedAt: nul(t.updatedAt),
  };
}
