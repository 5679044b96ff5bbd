import { z } from 'zod';
import { CountryCode, CustomerId, E164Phone, IsoDate, IsoTimestamp, Metadata, ShortText } from './common.ts';
import { Endorsement, EndorsementName } from './endorsement.ts';
import { WalletSummary } from './wallet.ts';

/**
 * A customer as OMS returns it (oms-api.md §3). Write-only PII (birthDate, residentialAddress,
 * ipAddress, identifyingInformation) is never returned, so it is not in this schema.
 */
export const OmsCustomer = z.looseObject({
  id: CustomerId,
  object: z.literal('customer').optional(),
  type: z.string(),
  firstName: z.string().nullish(),
  middleName: z.string().nullish(),
  lastName: z.string().nullish(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
  nationality: z.string().nullish(),
  externalId: z.string().nullish(),
  status: z.string(),
  signedAgreement: z.boolean().nullish(),
  signedAgreementAt: IsoTimestamp.nullish(),
  wallets: z.array(WalletSummary).default([]),
  endorsements: z.array(Endorsement).default([]),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  createdAt: IsoTimestamp,
  updatedAt: IsoTimestamp.nullish(),
});
export type OmsCustomer = z.infer<typeof OmsCustomer>;

/**
 * The customer as the renderer sees it: email and phone arrive masked; the clear values only
 * through the audited `pii.reveal`. Main builds this from OmsCustomer.
 */
export const CustomerView = z.object({
  ...OmsCustomer.omit({ email: true, phone: true, metadata: true }).shape,
  metadata: z.record(z.string(), z.string()).nullable(),
  emailMasked: z.string().nullable(),
  phoneMasked: z.string().nullable(),
});
export type CustomerView = z.infer<typeof CustomerView>;

export const Address = z.strictObject({
  line1: ShortText(200).min(1, 'is required'),
  line2: ShortText(200).optional(),
  city: ShortText(100).min(1, 'is required'),
  state: ShortText(100).optional(),
  country: CountryCode,
  zipCode: ShortText(20).min(1, 'is required'),
});

export const IdentifyingInformation = z.strictObject({
  type: z.enum(['ssn', 'itin', 'driversLicense', 'passport']),
  issuingCountry: CountryCode,
  number: ShortText(64).min(1, 'is required'),
});

/** Fields an operator may set on create; all but `type` optional, as in OMS v0.9. */
export const CustomerFields = z.strictObject({
  firstName: ShortText(100).min(1).optional(),
  middleName: ShortText(100).optional(),
  lastName: ShortText(100).min(1).optional(),
  email: z.email('must be an email address').max(254).optional(),
  phone: E164Phone.optional(),
  birthDate: IsoDate.optional(),
  nationality: CountryCode.optional(),
  ipAddress: z.union([z.ipv4(), z.ipv6()], { error: 'must be an IPv4 or IPv6 address' }).optional(),
  externalId: ShortText(128).optional(),
  signedAgreement: z.boolean().optional(),
  residentialAddress: Address.optional(),
  identifyingInformation: z.array(IdentifyingInformation).max(5).optional(),
  metadata: Metadata.optional(),
});
export type CustomerFields = z.infer<typeof CustomerFields>;

export const CustomerCreate = CustomerFields.extend({
  type: z.literal('individual').default('individual'),
  endorsements: z.array(EndorsementName).max(3).optional(),
});
export type CustomerCreate = z.infer<typeof CustomerCreate>;
