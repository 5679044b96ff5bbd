import type { DomainHandlers } from '../../ipc/handlers.ts';
import type { WalletsService } from './wallets.service.ts';

/** wallets.* — thin adapters over WalletsService. */
export function walletsHandlers(s: WalletsService): DomainHandlers<'wallets'> {
  return {
    list: ({ customerId, limit, cursor }, ctx) => s.list(customerId, { limit, cursor }, ctx.signal),
    create: ({ customerId, asset, chain }, ctx) => s.create(customerId, asset, chain, ctx.signal),
    balance: ({ walletId }, ctx) => s.balance(walletId, ctx.signal),
    transactions: ({ walletId, limit, cursor }, ctx) => s.transactions(walletId, { limit, cursor }, ctx.signal),
  };
}
