import type { CustomerView, OmsCustomer } from '#shared/domain/customer.ts';
import type { Endorsement } from '#shared/domain/endorsement.ts';

const DOT = '•';

/** `jo•••@example.com`: enough to recognise a customer on a call, not enough to contact them. */
export function maskEmail(email: string | null | undefined): string | null {
  if (!email) return null;
  const at = email.lastIndexOf('@');
  if (at <= 0) return DOT.repeat(3);
  const local = email.slice(0, at);
  const keep = local.length > 3 ? 2 : 1;
  return `${local.slice(0, keep)}${DOT.repeat(3)}${email.slice(at)}`;
}

/** `•••• 0123`: the last four digits only. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  return `${DOT.repeat(4)} ${digits.slice(-4)}`;
}

const nul = <T>(v: T | null | undefined): T | null => (v === undefined ? null : v);

function toEndorsementView(e: Endorsement): Endorsement {
  return {
    name: e.name,
    status: e.status,
    requirements: { complete: [...e.requirements.complete], pending: [...e.requirements.pending], missing: [...e.requirements.missing], issues: [...e.requirements.issues] },
    rejectionReasons: e.rejectionReasons.map((r) => ({ developerReason: nul(r.developerReason), reason: nul(r.reason) })),
    updatedAt: nul(e.updatedAt),
  };
}

/**
 * OMS customer → renderer view, field by field: whatever else OMS adds to its objects (a new
 * PII field, say) does not reach the renderer until someone maps it here on purpose.
 */
export function toCustomerView(c: OmsCustomer): CustomerView {
  return {
    id: c.id,
    object: 'customer',
    type: c.type,
    firstName: nul(c.firstName),
    middleName: nul(c.middleName),
    lastName: nul(c.lastName),
    nationality: nul(c.nationality),
    externalId: nul(c.externalId),
    status: c.status,
    signedAgreement: nul(c.signedAgreement),
    signedAgreementAt: nul(c.signedAgreementAt),
    wallets: c.wallets.map((w) => ({
      id: w.id,
      type: nul(w.type),
      address: nul(w.address),
      network: nul(w.network),
      asset: nul(w.asset),
      balance: nul(w.balance),
      estimatedValueUsd: nul(w.estimatedValueUsd),
      createdAt: nul(w.createdAt),
    })),
    endorsements: c.endorsements.map(toEndorsementView),
    metadata: c.metadata ? Object.fromEntries(Object.entries(c.metadata).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])) : null,
    createdAt: c.createdAt,
    updatedAt: nul(c.updatedAt),
    emailMasked: maskEmail(c.email),
    phoneMasked: maskPhone(c.phone),
  };
}
