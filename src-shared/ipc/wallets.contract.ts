import { z } from 'zod';
import { Code, Cursor, CustomerId, pageOf, WalletId } from '../domain/common.ts';
import { WalletBalanceView, WalletView } from '../domain/wallet.ts';
import { mutation, query } from './operation.ts';

export const walletsContract = {
  /** A customer's wallets. */
  list: query(
    'wallets.list',
    "A customer's wallets.",
    z.object({ customerId: CustomerId, limit: z.number().int().min(1).max(100).optional(), cursor: Cursor.optional() }),
    pageOf(WalletView),
  ),
  /** Provisions a custodial wallet (needs an active cryptoCustody endorsement). */
  create: mutation('wallets.create', 'Provisions a custodial wallet.', z.object({ customerId: CustomerId, asset: Code, chain: Code }), WalletView),
  /** A wallet's current balance. */
  balance: query('wallets.balance', "A wallet's current balance.", z.object({ walletId: WalletId }), WalletBalanceView),
};
