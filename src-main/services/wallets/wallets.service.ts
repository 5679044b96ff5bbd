import { randomUUID } from 'node:crypto';
import type { Transaction, Wallet, WalletBalance } from '#shared/domain/wallet.ts';
import { omsCall } from '../../oms/oms-error.ts';
import type { Page } from '../../oms/pages.ts';
import type { OmsSession } from '../session/oms-session.ts';

/** Wallet operations over the active profile's OMS. */
export class WalletsService {
  #session: OmsSession;

  constructor(session: OmsSession) {
    this.#session = session;
  }

  list(customerId: string, q: { limit?: number | undefined; cursor?: string | undefined }, signal?: AbortSignal): Promise<Page<Wallet>> {
    return omsCall(async () => (await this.#session.apis()).wallets.list(customerId, q, signal));
  }

  /** One Idempotency-Key per operation, so a retried create cannot make a second wallet. */
  create(customerId: string, asset: string, chain: string, signal?: AbortSignal): Promise<Wallet> {
    const key = randomUUID();
    return omsCall(async () => (await this.#session.apis()).wallets.create(customerId, { asset, chain }, key, signal));
  }

  balance(walletId: string, signal?: AbortSignal): Promise<WalletBalance> {
    return omsCall(async () => (await this.#session.apis()).wallets.balance(walletId, signal));
  }

  transactions(walletId: string, q: { limit?: number | undefined; cursor?: string | undefined }, signal?: AbortSignal): Promise<Page<Transaction>> {
    return omsCall(async () => (await this.#session.apis()).wallets.transactions(walletId, q, signal));
  }
}
