import type { CustomerRowView, CustomerView } from '#shared/domain/customer.ts';
import type { EndorsementView } from '#shared/domain/endorsement.ts';
import type { OmsCustomer, OmsEndorsement } from '../../oms/oms-objects.ts';
import type { DirectoryEntry } from './directory-entry.ts';
import { endorsementHead } from './endorsement-head.ts';

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

/** A requirement or issue in words: OMS may send a field name, or an object with a message. */
function requirementText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const field = typeof o.field === 'string' ? o.field : typeof o.path === 'string' ? o.path : typeof o.name === 'string' ? o.name : null;
    const message = typeof o.message === 'string' ? o.message : typeof o.reason === 'string' ? o.reason : null;
    if (field && message) return `${field}: ${message}`;
    if (field ?? message) return (field ?? message)!;
  }
  return JSON.stringify(v) ?? String(v);
}

const texts = (list: readonly unknown[] | null | undefined) => (list ?? []).map(requirementText);

/** Every documented endorsement form → one view (oms-api.md §3); never an error. */
export function toEndorsementView(e: OmsEndorsement, index: number): EndorsementView {
  const head = endorsementHead(e, index);
  if (typeof e === 'string') {
    return { ...head, requirements: { complete: [], pending: [], missing: [], issues: [] }, rejectionReasons: [], updatedAt: null };
  }
  return {
    ...head,
    requirements: {
      complete: texts(e.requirements?.complete),
      pending: texts(e.requirements?.pending),
      missing: texts(e.requirements?.missing),
      issues: texts(e.requirements?.issues),
    },
    rejectionReasons: (e.rejectionReasons ?? []).map((r) => ({ reason: nul(r.reason), developerReason: nul(r.developerReason) })),
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
    type: nul(c.type),
    firstName: nul(c.firstName),
    middleName: nul(c.middleName),
    lastName: nul(c.lastName),
    nationality: nul(c.nationality),
    externalId: nul(c.externalId),
    status: c.status ?? 'unknown',
    signedAgreement: nul(c.signedAgreement),
    signedAgreementAt: nul(c.signedAgreementAt),
    wallets: (c.wallets ?? []).map((w) => ({
      id: w.id,
      type: nul(w.type),
      address: nul(w.address),
      network: w.network ?? w.chain ?? null,
      asset: nul(w.asset),
      balance: nul(w.balance),
      estimatedValueUsd: nul(w.estimatedValueUsd),
      createdAt: nul(w.createdAt),
    })),
    endorsements: (c.endorsements ?? []).map(toEndorsementView),
    metadata: c.metadata ? Object.fromEntries(Object.entries(c.metadata).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])) : null,
    createdAt: nul(c.createdAt),
    updatedAt: nul(c.updatedAt),
    emailMasked: maskEmail(c.email),
    phoneMasked: maskPhone(c.phone),
  };
}

/** OMS customer → one search result row: the same fields as the full view, only those a row uses. */
export function toCustomerRowView(c: OmsCustomer): CustomerRowView {
  return {
    id: c.id,
    firstName: nul(c.firstName),
    middleName: nul(c.middleName),
    lastName: nul(c.lastName),
    status: c.status ?? 'unknown',
    emailMasked: maskEmail(c.email),
    endorsements: (c.endorsements ?? []).map(endorsementHead),
    wallets: (c.wallets ?? []).map((w) => ({ id: w.id })),
    matchedOn: null,
  };
}

/** A directory entry → the same row, saying which hidden field a search matched on. */
export function rowFromEntry(e: DirectoryEntry, matchedOn: CustomerRowView['matchedOn'] = null): CustomerRowView {
  return {
    id: e.id,
    firstName: e.firstName ?? null,
    middleName: e.middleName ?? null,
    lastName: e.lastName ?? null,
    status: e.status,
    emailMasked: maskEmail(e.email),
    endorsements: e.endorsements.map(({ name, status }) => ({ name, status })),
    wallets: e.walletIds.map((id) => ({ id })),
    matchedOn,
  };
}
