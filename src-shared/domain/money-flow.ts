import { z } from 'zod';
import { LegView } from './transaction.ts';

/** A rate as OMS quotes it: decimal strings, shown as given (`"1.0"` stays `"1.0"`). */
export const RatesView = z.strictObject({ exchangeRate: z.string().nullable(), effectiveRate: z.string().nullable(), pair: z.string().nullable() });
export const CashRefView = z.strictObject({ locationId: z.string().nullable(), locationReference: z.string().nullable() });

/** A quote (oms-api.md §6): what leaves, what arrives, the fees and the rate, until `expiresAt`. */
export const QuoteView = z.strictObject({
  id: z.string(),
  type: z.string().nullable(),
  status: z.string().nullable(),
  customerId: z.string().nullable(),
  source: LegView,
  destination: LegView,
  cash: CashRefView.nullable(),
  rates: RatesView.nullable(),
  fixedAmountSide: z.string().nullable(),
  expiresAt: z.string().nullable(),
  createdAt: z.string().nullable(),
});
export type QuoteView = z.infer<typeof QuoteView>;

export const FeeEntryView = z.strictObject({ type: z.string().nullable(), rate: z.string().nullable(), amount: z.string().nullable() });

/** A retail cash-in: a deposit code the customer takes to a counter, valid for an hour. */
export const CashInView = z.strictObject({
  id: z.string(),
  status: z.string().nullable(),
  subStatus: z.string().nullable(),
  customerId: z.string().nullable(),
  sourceAsset: z.string().nullable(),
  /** What the customer said they will bring (`indicatedAmount`, default "100.00"). */
  indicatedAmount: z.string().nullable(),
  destination: LegView,
  cash: CashRefView.nullable(),
  location: z.strictObject({ name: z.string().nullable(), address: z.string().nullable() }).nullable(),
  depositInstructions: z
    .strictObject({ code: z.string().nullable(), expiresAt: z.string().nullable(), locationName: z.string().nullable(), locationAddress: z.string().nullable() })
    .nullable(),
  feeSchedule: z.strictObject({ feeCurrency: z.string().nullable(), entries: z.array(FeeEntryView) }).nullable(),
  transactionId: z.string().nullable(),
  createdAt: z.string().nullable(),
  completedAt: z.string().nullable(),
});
export type CashInView = z.infer<typeof CashInView>;

export const CashLocationView = z.strictObject({
  id: z.string(),
  reference: z.string().nullable(),
  name: z.string().nullable(),
  address: z.string().nullable(),
  distance: z.string().nullable(),
  provider: z.string().nullable(),
});
export type CashLocationView = z.infer<typeof CashLocationView>;
