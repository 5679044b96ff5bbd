import { z } from 'zod';
import { CountryCode, E164Phone, IsoDate, Metadata, ShortText } from './common.ts';
import { EndorsementName, EndorsementView } from './endorsement.ts';
import { WalletSummaryView } from './wallet.ts';

/**
 * The customer as the renderer sees it (oms-api.md §3), field by field: email and phone arrive
 * masked, the clear values only through the audited `pii.reveal`. Write-only PII (birthDate,
 * residentialAddress, ipAddress, identifyingInformation) is never returned by OMS.
 */
export const CustomerView = z.strictObject({
  id: z.string(),
  type: z.string().nullable(),
  firstName: z.string().nullable(),
  middleName: z.string().nullable(),
  lastName: z.string().nullable(),
  nationality: z.string().nullable(),
  externalId: z.string().nullable(),
  status: z.string(),
  signedAgreement: z.boolean().nullable(),
  signedAgreementAt: z.string().nullable(),
  wallets: z.array(WalletSummaryView),
  endorsements: z.array(EndorsementView),
  metadata: z.record(z.string(), z.string()).nullable(),
  createdAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  emailMasked: z.string().nullable(),
  phoneMasked: z.string().nullable(),
});
export type CustomerView = z.infer<typeof CustomerView>;

/**
 * One search result: what a results row, the pickers and their keys need, nothing more. A page of
 * 50 full views cost ~200 µs to check at the boundary and ~55 kB of JSON per keystroke; the full
 * view comes from `customers.get` when a customer is opened. Names and shapes match CustomerView's,
 * so a row is a strict subset of the customer it stands for.
 */
export const CustomerRowView = z.strictObject({
  id: z.string(),
  firstName: z.string().nullable(),
  middleName: z.string().nullable(),
  lastName: z.string().nullable(),
  status: z.string(),
  emailMasked: z.string().nullable(),
  endorsements: z.array(z.strictObject({ name: z.string(), status: z.string() })),
  /** Ids only: enough to count them and to check who owns a pasted wallet id. */
  wallets: z.array(z.strictObject({ id: z.string() })),
  /**
   * The field a search matched on when the row does not show it (the email is masked, the phone,
   * externalId and wallets are not on the row); null when what was typed is visible on the row.
   */
  matchedOn: z.enum(['email', 'phone', 'externalId', 'wallet']).nullable(),
});
export type CustomerRowView = z.infer<typeof CustomerRowView>;

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

const IpAddress = z
  .string()
  .max(45, 'must be an IPv4 or IPv6 address')
  .pipe(z.union([z.ipv4(), z.ipv6()], { error: 'must be an IPv4 or IPv6 address' }));

/** Fields an operator may set on create; all but `type` optional, as in OMS v0.9. */
export const CustomerFields = z.strictObject({
  firstName: ShortText(100).min(1).optional(),
  middleName: ShortText(100).optional(),
  lastName: ShortText(100).min(1).optional(),
  email: z.email('must be an email address').max(254).optional(),
  phone: E164Phone.optional(),
  birthDate: IsoDate.optional(),
  nationality: CountryCode.optional(),
  ipAddress: IpAddress.optional(),
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
