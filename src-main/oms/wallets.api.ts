import type { OmsClient } from './oms-client.ts';
import { OmsBalance, OmsWallet } from './oms-objects.ts';
import { omsPage, type Page } from './pages.ts';

const WalletPage = omsPage(OmsWallet);

/** OMS wallet endpoints (oms-api.md §4). */
export class WalletsApi {
  #c: OmsClient;
  constructor(client: OmsClient) {
    this.#c = client;
  }

  list(customerId: string, q: { limit?: number | undefined; cursor?: string | undefined }, signal?: AbortSignal): Promise<Page<OmsWallet>> {
    const path = `/customers/${encodeURIComponent(customerId)}/wallets`;
    return this.#c.request({ method: 'GET', path, query: { limit: q.limit, cursor: q.cursor }, schema: WalletPage, what: 'wallet list', signal });
  }

  create(customerId: string, body: { asset: string; chain: string }, idempotencyKey: string, signal?: AbortSignal): Promise<OmsWallet> {
    const path = `/customers/${encodeURIComponent(customerId)}/wallets`;
    return this.#c.request({ method: 'POST', path, body, idempotencyKey, schema: OmsWallet, what: 'wallet', signal });
  }

  balance(walletId: string, signal?: AbortSignal): Promise<OmsBalance> {
    const path = `/wallets/${encodeURIComponent(walletId)}/balance`;
    return this.#c.request({ method: 'GET', path, schema: OmsBalance, what: 'wallet balance', signal });
  }
}
