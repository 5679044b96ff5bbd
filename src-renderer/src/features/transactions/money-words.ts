import type { AppError } from '#shared/ipc/result.ts';
import type { TransactionView } from '#shared/domain/transaction.ts';

const TYPE: Record<string, string> = { fiatToCrypto: 'Fiat → crypto', cryptoToFiat: 'Crypto → fiat', cryptoToCrypto: 'Crypto → crypto' };
export const transactionTypeWords = (t: string | null) => (t ? (TYPE[t] ?? t) : '—');

const STATUS: Record<string, string> = {
  processing: 'Processing',
  cashPickupReady: 'Ready for cash pickup',
  completed: 'Completed',
  failed: 'Failed',
};
export const transactionStatusWords = (s: string) => STATUS[s] ?? s;
export const isFinal = (s: string | null | undefined) => s === 'completed' || s === 'failed';
export const statusTone = (s: string | null | undefined): 'ok' | 'bad' | 'warn' => (s === 'completed' ? 'ok' : s === 'failed' ? 'bad' : 'warn');

/** `fundsPulled` → "funds pulled": OMS's sub-status is for display only, never for control flow. */
export const subStatusWords = (s: string | null) => (s ? s.replace(/[_-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() : null);

/** The short form of an address or hash: enough to recognise it, the whole one is a copy away. */
export const shortId = (v: string | null | undefined) => (!v ? '—' : v.length > 20 ? `${v.slice(0, 10)}…${v.slice(-6)}` : v);

/**
 * An OMS refusal in words an operator can act on. Codes first (they are stable), then the
 * message OMS sent, which already names the field or the endorsement.
 */
export function moneyErrorWords(e: AppError): string {
  const code = (e.details as { omsCode?: string } | undefined)?.omsCode ?? null;
  switch (code) {
    case 'insufficient_balance':
    case 'insufficient_funds':
      return `Not enough money in the source wallet. ${e.message}`;
    case 'endorsement_required':
      return `The customer is not endorsed for this yet. ${e.message}`;
    case 'quote_expired':
      return 'The quote expired before it was executed: get a new quote to see the current rate and fees.';
    case 'quote_not_open':
    case 'quote_already_executed':
      return `This quote was already used. ${e.message}`;
    case 'provider_account_not_provisioned':
      return 'OMS has not provisioned the provider account for this customer yet; try again later or ask OMS support.';
    default:
      return e.message;
  }
}

/** OMS (or main, asking OMS) refused to execute because the quote's time ran out. */
export const isLapsed = (e: AppError) => (e.details as { omsCode?: string } | undefined)?.omsCode === 'quote_expired';

/** Who is involved, as ids the operator can open. */
export function parties(t: TransactionView): { from: string | null; to: string | null } {
  return { from: t.sender?.customerId ?? null, to: t.recipient?.customerId ?? null };
}

/** The amount a row shows: what arrived (net), else what was sent. */
export function shownAmount(t: TransactionView): { amount: string | null; asset: string | null } {
  return { amount: t.destination.amountNet ?? t.destination.amountGross ?? t.source.amountGross, asset: t.destination.asset ?? t.source.asset };
}
