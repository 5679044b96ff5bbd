import { z } from 'zod';

export const TRANSACTION_TYPES = ['fiatToCrypto', 'cryptoToFiat', 'cryptoToCrypto'] as const;
export const TRANSACTION_STATUSES = ['processing', 'cashPickupReady', 'completed', 'failed'] as const;

export const FeesView = z.strictObject({
  developer: z.string().nullable(),
  gas: z.string().nullable(),
  oms: z.string().nullable(),
  total: z.string().nullable(),
});
export type FeesView = z.infer<typeof FeesView>;

/** One side of a money movement: amounts are decimal strings exactly as OMS sent them. */
export const LegView = z.strictObject({
  asset: z.string().nullable(),
  network: z.string().nullable(),
  amountGross: z.string().nullable(),
  amountNet: z.string().nullable(),
  fees: FeesView.nullable(),
  txHash: z.string().nullable(),
  walletId: z.string().nullable(),
  address: z.string().nullable(),
  externalAccountId: z.string().nullable(),
});
export type LegView = z.infer<typeof LegView>;

/** Who sent or received: OMS gives an object or an id; the console keeps what identifies them. */
export const PartyView = z.strictObject({ customerId: z.string().nullable(), walletId: z.string().nullable(), address: z.string().nullable() });
export type PartyView = z.infer<typeof PartyView>;

/** A transaction (oms-api.md §6). `subStatus` is for display only, never for control flow. */
export const TransactionView = z.strictObject({
  id: z.string(),
  type: z.string().nullable(),
  status: z.string(),
  subStatus: z.string().nullable(),
  role: z.string().nullable(),
  source: LegView,
  destination: LegView,
  sender: PartyView.nullable(),
  recipient: PartyView.nullable(),
  quoteId: z.string().nullable(),
  cashInId: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type TransactionView = z.infer<typeof TransactionView>;
