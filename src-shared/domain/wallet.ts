import { z } from 'zod';

/** A wallet as embedded in a customer object (oms-api.md §3). */
export const WalletSummaryView = z.strictObject({
  id: z.string(),
  type: z.string().nullable(),
  address: z.string().nullable(),
  network: z.string().nullable(),
  asset: z.string().nullable(),
  balance: z.string().nullable(),
  estimatedValueUsd: z.string().nullable(),
  createdAt: z.string().nullable(),
});
export type WalletSummaryView = z.infer<typeof WalletSummaryView>;

/** A custodial wallet (oms-api.md §4). OMS calls the network `chain` here and `network` elsewhere. */
export const WalletView = z.strictObject({
  id: z.string(),
  customerId: z.string().nullable(),
  address: z.string().nullable(),
  asset: z.string(),
  chain: z.string(),
  status: z.string(),
  type: z.string().nullable(),
  createdAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type WalletView = z.infer<typeof WalletView>;

/** A wallet's balance: the docs promise only the display balance and its estimated value. */
export const WalletBalanceView = z.strictObject({
  walletId: z.string(),
  asset: z.string().nullable(),
  network: z.string().nullable(),
  /** Decimal string as OMS sent it (never a float). */
  balance: z.string().nullable(),
  estimatedValue: z.string().nullable(),
  currency: z.string().nullable(),
});
export type WalletBalanceView = z.infer<typeof WalletBalanceView>;

/** A customer's aggregate balance: a total in one currency and one row per wallet/asset. */
export const CustomerBalanceView = z.strictObject({
  customerId: z.string().nullable(),
  currency: z.string().nullable(),
  estimatedTotal: z.string().nullable(),
  balances: z.array(WalletBalanceView.extend({ walletId: z.string().nullable() })),
});
export type CustomerBalanceView = z.infer<typeof CustomerBalanceView>;
