import type { CashInView, CashLocationView, QuoteView } from '#shared/domain/money-flow.ts';
import type { OmsCashIn, OmsCashLocation, OmsCashRef, OmsQuote } from '../../oms/oms-objects.ts';
import { legView } from './money-views.ts';

/* Quotes, cash-ins and cash locations → views, field by field (oms-api.md §6). */
const nul = <T>(v: T | null | undefined): T | null => (v === undefined ? null : v);

function cashRef(c: OmsCashRef | null | undefined) {
  if (!c) return null;
  return { locationId: c.locationId ?? c.cashLocationId ?? null, locationReference: c.locationReference ?? c.cashLocationReference ?? null };
}

export function toQuoteView(q: OmsQuote): QuoteView {
  return {
    id: q.id,
    type: nul(q.type),
    status: nul(q.status),
    customerId: nul(q.customerId),
    source: legView(q.source),
    destination: legView(q.destination),
    cash: cashRef(q.destination?.cash ?? q.source?.cash),
    rates: q.rates ? { exchangeRate: nul(q.rates.exchangeRate), effectiveRate: nul(q.rates.effectiveRate), pair: nul(q.rates.pair) } : null,
    fixedAmountSide: nul(q.fixedAmountSide),
    expiresAt: nul(q.expiresAt),
    createdAt: nul(q.createdAt),
  };
}

export function toCashInView(c: OmsCashIn): CashInView {
  const d = c.depositInstructions;
  const fees = c.omsFeeSchedule;
  const tx = c.transactionId ?? (typeof c.transaction === 'string' ? c.transaction : (c.transaction?.id ?? null));
  return {
    id: c.id,
    status: nul(c.status),
    subStatus: nul(c.subStatus),
    customerId: nul(c.customerId),
    sourceAsset: nul(c.source?.asset),
    indicatedAmount: c.source?.indicatedAmount ?? c.source?.amount ?? c.source?.amountGross ?? null,
    destination: legView(c.destination),
    cash: cashRef(c.cash),
    location: c.location ? { name: nul(c.location.name), address: nul(c.location.address) } : null,
    depositInstructions: d ? { code: d.code ?? d.depositCode ?? null, expiresAt: nul(d.expiresAt), locationName: nul(d.locationName), locationAddress: nul(d.locationAddress) } : null,
    feeSchedule: fees ? { feeCurrency: nul(fees.feeCurrency), entries: (fees.entries ?? []).map((e) => ({ type: nul(e.type), rate: nul(e.rate), amount: nul(e.amount) })) } : null,
    transactionId: tx,
    createdAt: nul(c.createdAt),
    completedAt: nul(c.completedAt),
  };
}

export function toCashLocationView(l: OmsCashLocation): CashLocationView {
  const a = l.address;
  const address = a == null ? null : typeof a === 'string' ? a : [a.line1 ?? a.street, a.city, a.state, a.zipCode].filter(Boolean).join(', ') || null;
  return { id: l.id, reference: l.cashLocationReference ?? l.reference ?? null, name: nul(l.name), address, distance: nul(l.distance), provider: nul(l.provider) };
}
