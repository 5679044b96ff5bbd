import { z } from 'zod';
import { CustomerId, pageOf, WalletId } from '../domain/common.ts';
import { Transaction, Wallet, WalletBalance } from '../domain/wallet.ts';
import { mutation, query } from './operation.ts';

const Code = z.string().regex(/^[a-z0-9]{2,20}$/, 'must be a lower-case code like "usdc" or "polygon"');

export const walletsContract = {
  /** A customer's wallets. */
  list: query(
    'wallets.list',
    "A customer's wallets.",
    z.object({ customerId: CustomerId, limit: z.number().int().min(1).max(100).optional(), cursor: z.string().max(500).optional() }),
    pageOf(Wallet),
  ),
  /** Provisions a custodial wallet (needs an active cryptoCustody endorsement). */
  create: mutation('wallets.create', 'Provisions a custodial wallet.', z.object({ customerId: CustomerId, asset: Code, chain: Code }), Wallet),
  /** A wallet's current balance. */
  balance: query('wallets.balance', "A wallet's current balance.", z.object({ walletId: WalletId }), WalletBalance),
  /** A wallet's transactions (OMS path /accounts/{id}/transactions). */
  transactions: query(
    'wallets.transactions',
    "A wallet's transactions.",
    z.object({ walletId: WalletId, limit: z.number().int().min(1).max(100).optional(), cursor: z.string().max(500).optional() }),
    pageOf(Transaction),
  ),
};
