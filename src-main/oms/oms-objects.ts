import { z } from 'zod';

/**
 * OMS objects as they arrive, tolerant on purpose (oms-api.md §3–§7): the official pages disagree
 * with each other (endorsements as names or as objects, `chain` vs `network`, sparse sandbox rows),
 * so only what identifies an object is required and everything else is optional. Unknown fields are
 * kept here and dropped by the view mappers in `views.ts`, which pick fields one by one.
 */
const str = z.string().nullish();
const loose = z.looseObject;

export const OmsRejectionReason = loose({ developerReason: str, reason: str });
export const OmsRequirements = loose({
  complete: z.array(z.unknown()).nullish(),
  pending: z.array(z.unknown()).nullish(),
  missing: z.array(z.unknown()).nullish(),
  issues: z.array(z.unknown()).nullish(),
});
/** `"basic"` (payments/customers), or an object with or without name and status (API reference). */
export const OmsEndorsement = z.union([
  z.string(),
  loose({ name: str, type: str, status: str, requirements: OmsRequirements.nullish(), rejectionReasons: z.array(OmsRejectionReason).nullish(), updatedAt: str }),
]);
export type OmsEndorsement = z.infer<typeof OmsEndorsement>;

export const OmsWalletSummary = loose({ id: z.string(), type: str, address: str, network: str, chain: str, asset: str, balance: str, estimatedValueUsd: str, createdAt: str });

export const OmsCustomer = loose({
  id: z.string(),
  object: str,
  type: str,
  firstName: str,
  middleName: str,
  lastName: str,
  email: str,
  phone: str,
  nationality: str,
  externalId: str,
  status: str,
  signedAgreement: z.boolean().nullish(),
  signedAgreementAt: str,
  wallets: z.array(OmsWalletSummary).nullish(),
  endorsements: z.array(OmsEndorsement).nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  createdAt: str,
  updatedAt: str,
});
export type OmsCustomer = z.infer<typeof OmsCustomer>;

export const OmsWallet = loose({
  id: z.string(),
  object: str,
  customerId: str,
  address: str,
  asset: str,
  chain: str,
  network: str,
  status: str,
  type: str,
  createdAt: str,
  updatedAt: str,
});
export type OmsWallet = z.infer<typeof OmsWallet>;

/**
 * Balances have no example on any official page ("the display balance and its estimated value"),
 * so every plausible name is read: `balance`/`displayBalance`/`amount`, `estimatedValue`/
 * `estimatedBalance`/`estimatedValueUsd`, and per-asset rows under `balances` or `wallets`.
 */
const amountish = z.union([z.string(), z.number().transform(String)]).nullish();
export const OmsBalance = loose({
  walletId: str,
  id: str,
  asset: str,
  network: str,
  chain: str,
  balance: z.union([amountish, loose({ amount: amountish, value: amountish, asset: str })]).nullish(),
  displayBalance: amountish,
  amount: amountish,
  estimatedValue: z.union([amountish, loose({ amount: amountish, value: amountish, currency: str })]).nullish(),
  estimatedBalance: amountish,
  estimatedValueUsd: amountish,
  currency: str,
  estimatedBalanceCurrencyCode: str,
});
export type OmsBalance = z.infer<typeof OmsBalance>;

export const OmsCustomerBalance = OmsBalance.extend({
  customerId: str,
  estimatedTotal: amountish,
  balances: z.array(OmsBalance).nullish(),
  wallets: z.array(OmsBalance).nullish(),
});
export type OmsCustomerBalance = z.infer<typeof OmsCustomerBalance>;

const OmsFees = loose({ developer: amountish, gas: amountish, oms: amountish, total: amountish });
const OmsLeg = loose({
  asset: str,
  network: str,
  amountGross: amountish,
  amountNet: amountish,
  amount: amountish,
  feesDeducted: OmsFees.nullish(),
  txHash: str,
  walletId: str,
  address: str,
  externalAccountId: str,
  wallet: z.union([z.string(), loose({ id: str, wallet: str, blockchainAddress: str, externalAccountId: str, externalAccount: str })]).nullish(),
});
export type OmsLeg = z.infer<typeof OmsLeg>;
/** Sender and recipient are customer ids in the docs; objects are accepted as well. */
const OmsParty = z.union([z.string(), loose({ id: str, customerId: str, walletId: str, address: str })]);
export type OmsParty = z.infer<typeof OmsParty>;

export const OmsTransaction = loose({
  id: z.string(),
  object: str,
  type: str,
  status: str,
  subStatus: str,
  role: str,
  source: OmsLeg.nullish(),
  destination: OmsLeg.nullish(),
  sender: OmsParty.nullish(),
  recipient: OmsParty.nullish(),
  quoteId: str,
  cashInId: str,
  error: z.union([z.string(), loose({ message: str, code: str })]).nullish(),
  createdAt: str,
  completedAt: str,
  updatedAt: str,
});
export type OmsTransaction = z.infer<typeof OmsTransaction>;

const OmsRates = loose({ exchangeRate: amountish, effectiveRate: amountish, pair: str });
/** The request's `cashLocationId` or the response's `locationId`: the pages use both. */
const OmsCashRef = loose({ locationId: str, locationReference: str, cashLocationId: str, cashLocationReference: str });
export type OmsCashRef = z.infer<typeof OmsCashRef>;

export const OmsQuote = loose({
  id: z.string(),
  object: str,
  type: str,
  status: str,
  customerId: str,
  source: OmsLeg.extend({ cash: OmsCashRef.nullish() }).nullish(),
  destination: OmsLeg.extend({ cash: OmsCashRef.nullish() }).nullish(),
  rates: OmsRates.nullish(),
  fixedAmountSide: str,
  expiresAt: str,
  createdAt: str,
});
export type OmsQuote = z.infer<typeof OmsQuote>;

export const OmsCashIn = loose({
  id: z.string(),
  object: str,
  status: str,
  subStatus: str,
  customerId: str,
  source: loose({ asset: str, network: str, indicatedAmount: amountish, amount: amountish, amountGross: amountish }).nullish(),
  destination: OmsLeg.nullish(),
  cash: OmsCashRef.nullish(),
  location: loose({ name: str, address: str }).nullish(),
  depositInstructions: loose({ code: str, depositCode: str, expiresAt: str, locationName: str, locationAddress: str }).nullish(),
  omsFeeSchedule: loose({ feeCurrency: str, entries: z.array(loose({ type: str, rate: amountish, amount: amountish })).nullish() }).nullish(),
  transactionId: str,
  transaction: z.union([z.string(), loose({ id: str })]).nullish(),
  createdAt: str,
  completedAt: str,
});
export type OmsCashIn = z.infer<typeof OmsCashIn>;

export const OmsCashLocation = loose({
  id: z.string(),
  cashLocationReference: str,
  reference: str,
  name: str,
  address: z.union([z.string(), loose({ line1: str, street: str, city: str, state: str, zipCode: str })]).nullish(),
  distance: z.union([z.string(), z.number().transform(String)]).nullish(),
  provider: str,
});
export type OmsCashLocation = z.infer<typeof OmsCashLocation>;

/** `POST /auth/token` (oms-api.md §1). */
export const OmsToken = loose({ accessToken: z.string(), tokenType: str, expiresIn: z.number().nullish(), expiresAt: str });
