import { randomUUID } from 'node:crypto';
import type { CustomerCreate, CustomerFields, CustomerView } from '#shared/domain/customer.ts';
import type { EndorsementName } from '#shared/domain/endorsement.ts';
import type { CustomerBalance, Transaction } from '#shared/domain/wallet.ts';
import type { CustomerSearch } from '#shared/ipc/customers.contract.ts';
import { omsCall } from '../../oms/oms-error.ts';
import type { Page } from '../../oms/pages.ts';
import type { OmsSession } from '../session/oms-session.ts';
import { toCustomerView } from './customer-view.ts';

/** How long revealed PII stays on screen before the renderer masks it again. */
export const REVEAL_TTL_MS = 30_000;

/** Customer operations over the active profile's OMS; everything leaving here is a CustomerView. */
export class CustomersService {
  #session: OmsSession;
  #now: () => number;

  constructor(session: OmsSession, now: () => number = Date.now) {
    this.#session = session;
    this.#now = now;
  }

  /** One page of a server-side search. */
  search(f: CustomerSearch, signal?: AbortSignal): Promise<Page<CustomerView>> {
    return omsCall(async () => {
      const page = await (await this.#session.apis()).customers.search(f, signal);
      return { items: page.items.map(toCustomerView), hasMore: page.hasMore, cursor: page.cursor };
    });
  }

  /** Fresh from OMS; also what the webhook pipeline calls to converge after an event. */
  get(customerId: string, signal?: AbortSignal): Promise<CustomerView> {
    return omsCall(async () => toCustomerView(await (await this.#session.apis()).customers.get(customerId, signal)));
  }

  /** One Idempotency-Key for the whole operation: every retry replays, never duplicates. */
  create(customer: CustomerCreate, signal?: AbortSignal): Promise<CustomerView> {
    const key = randomUUID();
    return omsCall(async () => toCustomerView(await (await this.#session.apis()).customers.create(customer, key, signal)));
  }

  update(customerId: string, patch: CustomerFields, signal?: AbortSignal): Promise<CustomerView> {
    return omsCall(async () => toCustomerView(await (await this.#session.apis()).customers.update(customerId, patch, signal)));
  }

  /** Listing endorsement names in a PATCH makes OMS (re-)evaluate them. */
  requestEndorsements(customerId: string, endorsements: EndorsementName[], signal?: AbortSignal): Promise<CustomerView> {
    return omsCall(async () => toCustomerView(await (await this.#session.apis()).customers.update(customerId, { endorsements }, signal)));
  }

  delete(customerId: string, signal?: AbortSignal): Promise<CustomerView> {
    return omsCall(async () => toCustomerView(await (await this.#session.apis()).customers.delete(customerId, signal)));
  }

  balance(customerId: string, currency: string | undefined, signal?: AbortSignal): Promise<CustomerBalance> {
    return omsCall(async () => (await this.#session.apis()).customers.balance(customerId, currency, signal));
  }

  transactions(customerId: string, q: { limit?: number | undefined; cursor?: string | undefined }, signal?: AbortSignal): Promise<Page<Transaction>> {
    return omsCall(async () => (await this.#session.apis()).customers.transactions(customerId, q, signal));
  }

  /** The clear values behind the masks, fetched fresh; the dispatcher audits every call. */
  reveal(customerId: string, fields: readonly ('email' | 'phone')[], signal?: AbortSignal) {
    return omsCall(async () => {
      const c = await (await this.#session.apis()).customers.get(customerId, signal);
      const values: { email?: string | null; phone?: string | null } = {};
      if (fields.includes('email')) values.email = c.email ?? null;
      if (fields.includes('phone')) values.phone = c.phone ?? null;
      return { customerId: c.id, values, expiresAt: new Date(this.#now() + REVEAL_TTL_MS).toISOString() };
    });
  }
}
