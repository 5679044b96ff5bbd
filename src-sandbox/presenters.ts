import type { SandboxContext } from './context.ts';
import { estimateValue, formatMicros } from './money.ts';
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
    balance: formatMicros(w.balanceMicros),
    estimatedValueUsd: formatMicros(estimateValue(w.balanceMicros, w.asset, 'USD')),
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
