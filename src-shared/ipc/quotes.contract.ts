import { z } from 'zod';
import { Code, CustomerId, DecimalString, WalletId } from '../domain/common.ts';
import { QuoteView } from '../domain/money-flow.ts';
import { mutation } from './operation.ts';

/** A positive decimal string: the amount on the one side the operator fixed. */
export const PositiveAmount = DecimalString.refine((a) => !a.startsWith('-') && /[1-9]/.test(a), 'must be more than 0');

/** Where a send goes: another OMS wallet, or an on-chain address (oms-api.md §6). */
export const SendDestination = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('wallet'), walletId: WalletId }),
  z.strictObject({
    kind: z.literal('address'),
    address: z.string().trim().min(20, 'must be an on-chain address').max(120).regex(/^[A-Za-z0-9]+$/, 'must be an on-chain address (letters and digits only)'),
  }),
]);
export type SendDestination = z.infer<typeof SendDestination>;

export const QuoteRequest = z.object({
  customerId: CustomerId,
  sourceWalletId: WalletId,
  destination: SendDestination,
  destinationAsset: Code,
  destinationNetwork: Code,
  /** The amount goes on exactly one side: what leaves (`source`) or what arrives (`destination`). */
  side: z.enum(['source', 'destination']),
  amount: PositiveAmount,
});
export type QuoteRequest = z.infer<typeof QuoteRequest>;

export const quotesContract = {
  /** Prices a send: fees, rate and what arrives, valid until its expiry; moves no money. */
  create: mutation('quotes.create', 'Prices a send (fees, rate, what arrives); moves no money.', QuoteRequest, QuoteView, 'no-money'),
};
