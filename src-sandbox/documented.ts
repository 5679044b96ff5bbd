/**
 * Documented-only mode: the sandbox answers as an OMS that offers only what the official pages
 * publish. Each list below undoes one sandbox [choice] a client could lean on (docs/oms-api.md §9
 * names them next to the choice), so the console's tests can prove it is correct without them.
 */

/** GET /customers: the documented filters plus the cursor paging every list has. */
export const DOCUMENTED_CUSTOMER_QUERY = ['status', 'email', 'externalId', 'createdAfter', 'createdBefore', 'limit', 'cursor'] as const;

/** GET /transactions and the scoped lists: no `status` filter in the docs. */
export const DOCUMENTED_TRANSACTION_QUERY = ['limit', 'startingAfter', 'endingBefore', 'type', 'createdAfter', 'createdBefore'] as const;

/** GET /cash-ins: the docs list the page shape and no filters. */
export const DOCUMENTED_CASH_IN_QUERY = ['limit', 'cursor'] as const;

/**
 * Like any API, a real OMS ignores query parameters it does not know: a `q` sent to it comes back
 * as an unfiltered page, which is exactly the trap this mode reproduces (no 400 to warn the client).
 */
export function onlyDocumented(query: URLSearchParams, allowed: readonly string[]): URLSearchParams {
  const kept = new URLSearchParams();
  for (const [k, v] of query) if (allowed.includes(k)) kept.append(k, v);
  return kept;
}

/** The event catalogue of the official pages; the sandbox's extra events are not sent. */
export function isDocumentedEvent(type: string): boolean {
  if (type === 'customer.endorsement.granted' || type === 'wallet.depositDetected' || type === 'cashIn.completed') return true;
  return /^transaction\.(fiatToCrypto|cryptoToFiat|cryptoToCrypto)\.(processing|completed|failed)$/.test(type);
}

/** Fields the sandbox adds to documented objects. */
export const UNDOCUMENTED_FIELDS = {
  quote: ['transactionId', 'promoCode'],
  webhook: ['disabledReason', 'updatedAt'],
} as const;

export function withoutFields<T extends Record<string, unknown>>(obj: T, fields: readonly string[]): T {
  const out: Record<string, unknown> = { ...obj };
  for (const f of fields) delete out[f];
  return out as T;
}
