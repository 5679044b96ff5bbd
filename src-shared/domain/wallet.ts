import { z } from 'zod';
import { DecimalString, IsoTimestamp, WalletId } from './common.ts';

/** Wallet summary embedded in a customer object. */
export const WalletSummary = z.looseObject({
  id: WalletId,
  type: z.string().nullish(),
  address: z.string().nullish(),
  network: z.string().nullish(),
  asset: z.string().nullish(),
  balance: DecimalString.nullish(),
  estimatedValueUsd: DecimalString.nullish(),
  createdAt: IsoTimestamp.nullish(),
});

export const Wallet = z.looseObject({
  id: WalletId,
  object: z.literal('wallet').optional(),
  customerId: z.string(),
  address: z.string(),
  asset: z.string(),
  chain: z.string(),
  status: z.string(),
  type: z.string().nullish(),
  createdAt: IsoTimestamp,
  updatedAt: IsoTimestamp.nullish(),
});
export type Wallet = z.infer<typeof Wallet>;

export const WalletBalance = z.looseObject({
  walletId: WalletId,
  asset: z.string(),
  chain: z.string().nullish(),
  balance: DecimalString,
  estimatedValue: DecimalString.nullish(),
  currency: z.string().nullish(),
  updatedAt: IsoTimestamp.nullish(),
});
export type WalletBalance = z.infer<typeof WalletBalance>;

export const Transaction = z.looseObject({
  id: z.string(),
  status: z.string(),
  type: z.string().nullish(),
  amount: DecimalString.nullish(),
  asset: z.string().nullish(),
  direction: z.string().nullish(),
  walletId: z.string().nullish(),
  customerId: z.string().nullish(),
  createdAt: IsoTimestamp,
});
export type Transaction = z.infer<typeof Transaction>;

export const CustomerBalance = z.looseObject({
  customerId: z.string().nullish(),
  estimatedBalance: DecimalString.nullish(),
  currency: z.string().nullish(),
  balances: z.array(z.looseObject({ asset: z.string(), balance: DecimalString })).nullish(),
});
export type CustomerBalance = z.infer<typeof CustomerBalance>;
