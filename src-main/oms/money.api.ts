import { z } from 'zod';
import type { OmsClient } from './oms-client.ts';
import { OmsCashIn, OmsCashLocation, OmsQuote, OmsTransaction } from './oms-objects.ts';
import { omsPage, type Page } from './pages.ts';

const enc = encodeURIComponent;
const TransactionPage = omsPage(OmsTransaction);
const CashInPage = omsPage(OmsCashIn);
const LocationList = omsPage(OmsCashLocation);

export interface QuoteBody {
  customerId: string;
  source: { walletId: string; amount?: string };
  destination: { asset: string; network: string; amount?: string; wallet: { id: string } | { blockchainAddress: string } };
}

export interface TransactionQuery {
  type?: string | undefined;
  status?: string | undefined;
  createdAfter?: string | undefined;
  createdBefore?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

/** OMS money movement (oms-api.md §6): quotes, transactions, cash-ins and their sandbox simulations. */
export class MoneyApi {
  #c: OmsClient;
  constructor(client: OmsClient) {
    this.#c = client;
  }

  createQuote(body: QuoteBody, idempotencyKey: string, signal?: AbortSignal): Promise<OmsQuote> {
    return this.#c.request({ method: 'POST', path: '/quotes', body, idempotencyKey, schema: OmsQuote, what: 'quote', signal });
  }

  quote(quoteId: string, signal?: AbortSignal): Promise<OmsQuote> {
    return this.#c.request({ method: 'GET', path: `/quotes/${enc(quoteId)}`, schema: OmsQuote, what: 'quote', signal });
  }

  execute(quoteId: string, idempotencyKey: string, signal?: AbortSignal): Promise<OmsTransaction> {
    return this.#c.request({ method: 'POST', path: '/transactions', body: { quoteId }, idempotencyKey, schema: OmsTransaction, what: 'transaction', signal });
  }

  transaction(transactionId: string, signal?: AbortSignal): Promise<OmsTransaction> {
    return this.#c.request({ method: 'GET', path: `/transactions/${enc(transactionId)}`, schema: OmsTransaction, what: 'transaction', signal });
  }

  /** Everyone's, a customer's, or one wallet's (`/accounts/{id}`): same filters and page shape. */
  transactions(scope: { customerId?: string | undefined; walletId?: string | undefined }, q: TransactionQuery, signal?: AbortSignal): Promise<Page<OmsTransaction>> {
    const path = scope.walletId ? `/accounts/${enc(scope.walletId)}/transactions` : scope.customerId ? `/customers/${enc(scope.customerId)}/transactions` : '/transactions';
    const query = { type: q.type, status: q.status, createdAfter: q.createdAfter, createdBefore: q.createdBefore, limit: q.limit, startingAfter: q.cursor };
    return this.#c.request({ method: 'GET', path, query, schema: TransactionPage, what: 'transaction list', signal });
  }

  async cashLocations(latitude: number, longitude: number, signal?: AbortSignal): Promise<OmsCashLocation[]> {
    const query = { provider: 'greendot', latitude, longitude, flow: 'cashIn' };
    return (await this.#c.request({ method: 'GET', path: '/cash-locations', query, schema: LocationList, what: 'cash location list', signal })).items;
  }

  createCashIn(body: Record<string, unknown>, idempotencyKey: string, signal?: AbortSignal): Promise<OmsCashIn> {
    return this.#c.request({ method: 'POST', path: '/cash-ins', body, idempotencyKey, schema: OmsCashIn, what: 'cash-in', signal });
  }

  cashIn(cashInId: string, signal?: AbortSignal): Promise<OmsCashIn> {
    return this.#c.request({ method: 'GET', path: `/cash-ins/${enc(cashInId)}`, schema: OmsCashIn, what: 'cash-in', signal });
  }

  refreshCashIn(cashInId: string, idempotencyKey: string, signal?: AbortSignal): Promise<OmsCashIn> {
    return this.#c.request({ method: 'POST', path: `/cash-ins/${enc(cashInId)}/refresh`, body: {}, idempotencyKey, schema: OmsCashIn, what: 'cash-in', signal });
  }

  cashIns(q: { customerId?: string | undefined; limit?: number | undefined; cursor?: string | undefined }, signal?: AbortSignal): Promise<Page<OmsCashIn>> {
    const query = { customerId: q.customerId, limit: q.limit, startingAfter: q.cursor };
    return this.#c.request({ method: 'GET', path: '/cash-ins', query, schema: CashInPage, what: 'cash-in list', signal });
  }

  /** Sandbox only (documented simulations; 404 in production). Bodies beyond the documented ones are loose. */
  simulate(step: 'barcode-auth' | 'auth-commit', body: Record<string, unknown>, idempotencyKey: string, signal?: AbortSignal): Promise<Record<string, unknown>> {
    const schema = z.record(z.string(), z.unknown());
    return this.#c.request({ method: 'POST', path: `/cash-ins/simulate/${step}`, body, idempotencyKey, schema, what: 'cash-in simulation', signal });
  }
}
