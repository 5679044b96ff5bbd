import type { SandboxContext } from './context.ts';
import { decimalsOf, estimate, formatUnits } from './assets.ts';
import type { EndorsementRecord, StoredCustomer, WalletRecord } from './types.ts';

/** API shapes. PII lives in doc.pii and `requested` is internal: neither is ever copied out here. */
export function presentEndorsement(e: EndorsementRecord) {
  return { name: e.name, status: e.status, requirements: e.requirements, rejectionReasons: e.rejectionReasons, updatedAt: e.updatedAt };
}

export function presentWalletSummary(w: WalletRecord) {
  return {
    id: w.id,
    type: 'custodial',
    address: w.address,
    network: w.chain,
    asset: w.asset,
    balance: formatUnits(w.balanceUnits, w.asset),
    estimatedValueUsd: estimate({ units: w.balanceUnits, scale: decimalsOf(w.asset) }, w.asset, 'USD'),
    createdAt: w.createdAt,
  };
}

export function presentWallet(w: WalletRecord, customerId: string) {
  return {
    id: w.id,
    object: 'wallet',
    customerId,
    address: w.address,
    asset: w.asset,
    chain: w.chain,
    status: w.status,
    type: w.type,
    createdAt: w.createdAt,
    updatedAt: w.updatedAt,
  };
}

/**
 * Balances [choice]: the docs promise only "the display balance and its estimated value in the
 * currency requested via estimatedBalanceCurrencyCode" and show no example, so the names mirror that
 * sentence and the query parameter: `balance` (display), `estimatedBalance`, `estimatedBalanceCurrencyCode`.
 */
export function presentWalletBalance(w: WalletRecord, currency: string) {
  return {
    object: 'walletBalance',
    walletId: w.id,
    asset: w.asset,
    network: w.chain,
    balance: formatUnits(w.balanceUnits, w.asset),
    estimatedBalance: estimate({ units: w.balanceUnits, scale: decimalsOf(w.asset) }, w.asset, currency),
    estimatedBalanceCurrencyCode: currency,
    updatedAt: w.updatedAt,
  };
}

export function presentCustomers(ctx: SandboxContext, list: StoredCustomer[]): Record<string, unknown>[] {
  const seqs = list.map((c) => c.seq);
  const ends = ctx.endorsements.forCustomers(seqs);
  const wallets = ctx.wallets.forCustomers(seqs);
  return list.map(({ seq, doc }) => ({
    id: doc.id,
    object: 'customer',
    type: doc.type,
    firstName: doc.firstName,
    middleName: doc.middleName,
    lastName: doc.lastName,
    email: doc.email,
    phone: doc.phone,
    nationality: doc.nationality,
    externalId: doc.externalId,
    status: doc.status,
    signedAgreement: doc.signedAgreement,
    signedAgreementAt: doc.signedAgreementAt,
    wallets: (wallets.get(seq) ?? []).map(presentWalletSummary),
    endorsements: (ends.get(seq) ?? []).map(presentEndorsement),
    metadata: doc.metadata,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  }));
}

export function presentCustomer(ctx: SandboxContext, c: StoredCustomer): Record<string, unknown> {
  return presentCustomers(ctx, [c])[0]!;
}
