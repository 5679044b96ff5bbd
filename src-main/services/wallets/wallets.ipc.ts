import { randomUUID } from 'node:crypto';
import type { DomainHandlers } from '../../ipc/handlers.ts';
import { toWalletBalanceView, toWalletView } from '../money/money-views.ts';
import type { OmsSession } from '../session/oms-session.ts';

/** wallets.* over the active profile's OMS; views are built field by field. */
export function walletsHandlers(session: OmsSession): DomainHandlers<'wallets'> {
  const api = async () => (await session.apis()).wallets;
  return {
    list: async ({ customerId, limit, cursor }, { signal }) => {
      const page = await (await api()).list(customerId, { limit, cursor }, signal);
      return { items: page.items.map(toWalletView), hasMore: page.hasMore, cursor: page.cursor };
    },
    // One Idempotency-Key per operation, so a retried create cannot make a second wallet.
    create: async ({ customerId, asset, chain }, { signal }) => toWalletView(await (await api()).create(customerId, { asset, chain }, randomUUID(), signal)),
    balance: async ({ walletId }, { signal }) => toWalletBalanceView(await (await api()).balance(walletId, signal), walletId),
  };
}
