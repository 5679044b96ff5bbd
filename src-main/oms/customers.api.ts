import type { CustomerCreate, CustomerFields } from '#shared/domain/customer.ts';
import type { EndorsementName } from '#shared/domain/endorsement.ts';
import type { CustomerSearch } from '#shared/ipc/customers.contract.ts';
import type { OmsClient, OmsTextRequest } from './oms-client.ts';
import { OmsCustomer, OmsCustomerBalance, OmsTransaction } from './oms-objects.ts';
import { omsPage, type Page } from './pages.ts';
import type { RawAnswer } from './parse-answer.ts';

/** A page of `GET /customers`, as every reader of it must check it. */
export const CustomerPage = omsPage(OmsCustomer);
const TransactionPage = omsPage(OmsTransaction);
const id = (customerId: string) => `/customers/${encodeURIComponent(customerId)}`;

/** OMS customer endpoints (oms-api.md §3): paths, query parameters and answer schemas. */
export class CustomersApi {
  #c: OmsClient;
  constructor(client: OmsClient) {
    this.#c = client;
  }

  search(f: CustomerSearch, signal?: AbortSignal): Promise<Page<OmsCustomer>> {
    return this.#c.request({ ...listRequest(f, signal), schema: CustomerPage });
  }

  /** The same list call, its body left for the caller to check against `CustomerPage` (the directory does, off main's thread). */
  searchText(f: CustomerSearch, signal?: AbortSignal): Promise<RawAnswer> {
    return this.#c.requestText(listRequest(f, signal));
  }

  get(customerId: string, signal?: AbortSignal): Promise<OmsCustomer> {
    return this.#c.request({ method: 'GET', path: id(customerId), schema: OmsCustomer, what: 'customer', signal });
  }

  create(body: CustomerCreate, idempotencyKey: string, signal?: AbortSignal): Promise<OmsCustomer> {
    return this.#c.request({ method: 'POST', path: '/customers', body, idempotencyKey, schema: OmsCustomer, what: 'customer', signal });
  }

  update(customerId: string, patch: CustomerFields & { endorsements?: EndorsementName[] }, signal?: AbortSignal): Promise<OmsCustomer> {
    return this.#c.request({ method: 'PATCH', path: id(customerId), body: patch, schema: OmsCustomer, what: 'customer', signal });
  }

  /** Soft delete: OMS answers with the customer, now inactive. */
  delete(customerId: string, signal?: AbortSignal): Promise<OmsCustomer> {
    return this.#c.request({ method: 'DELETE', path: id(customerId), schema: OmsCustomer, what: 'customer', signal });
  }

  balance(customerId: string, currency: string | undefined, signal?: AbortSignal): Promise<OmsCustomerBalance> {
    const query = { estimatedBalanceCurrencyCode: currency };
    return this.#c.request({ method: 'GET', path: `${id(customerId)}/balance`, query, schema: OmsCustomerBalance, what: 'customer balance', signal });
  }

  transactions(customerId: string, q: { limit?: number | undefined; cursor?: string | undefined }, signal?: AbortSignal): Promise<Page<OmsTransaction>> {
    const query = { limit: q.limit, startingAfter: q.cursor };
    return this.#c.request({ method: 'GET', path: `${id(customerId)}/transactions`, query, schema: TransactionPage, what: 'transaction list', signal });
  }
}

function listRequest(f: CustomerSearch, signal: AbortSignal | undefined): OmsTextRequest {
  const query = {
    q: f.q,
    email: f.email,
    externalId: f.externalId,
    status: f.status,
    endorsement: f.endorsement ? `${f.endorsement.name}:${f.endorsement.status}` : undefined,
    createdAfter: f.createdAfter,
    createdBefore: f.createdBefore,
    // The contract lets a screen ask for up to 200; OMS pages top out at 100.
    limit: f.limit === undefined ? undefined : Math.min(f.limit, 100),
    cursor: f.cursor,
  };
  return { method: 'GET', path: '/customers', query, what: 'customer list', signal };
}
