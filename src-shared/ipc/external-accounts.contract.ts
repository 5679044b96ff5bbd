import { z } from 'zod';
import { CustomerId, IsoTimestamp } from '../domain/common.ts';
import { mutation, query } from './operation.ts';

/**
 * External bank accounts (oms-api.md §5): not offered by OMS v0.9. Only the local sandbox started
 * with its preview flag serves them; anywhere else both operations fail with `UNAVAILABLE` and a
 * message that says what to do instead.
 */
export const BankNetwork = z.enum(['ach', 'wire', 'swift']);
export type BankNetwork = z.infer<typeof BankNetwork>;

const Country = z
  .string()
  .max(2, 'must be an ISO 3166 alpha-2 country code like "US"')
  .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166 alpha-2 country code like "US"')
  .transform((s) => s.toUpperCase());
const Currency = z
  .string()
  .max(3, 'must be an ISO 4217 currency code like "USD"')
  .regex(/^[A-Za-z]{3}$/, 'must be an ISO 4217 currency code like "USD"')
  .transform((s) => s.toUpperCase());

/** A bank-details field name as the rail schema names it (`routingNumber`, `iban`, …). */
const FieldName = z.string().max(64).regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'must be a field name like "accountNumber"');

/** One field of a rail's bank-details form, as the schema endpoint describes it. */
export const BankField = z.strictObject({
  name: FieldName,
  label: z.string().max(200),
  /** `enum` offers `values`; anything else is free text checked against `pattern`. */
  type: z.string().max(20),
  required: z.boolean(),
  pattern: z.string().max(500).optional(),
  values: z.array(z.string().max(100)).max(50).optional(),
});
export type BankField = z.infer<typeof BankField>;

export const BankRail = z.strictObject({ network: BankNetwork, fields: z.array(BankField).max(30) });
export type BankRail = z.infer<typeof BankRail>;

export const BankSchemas = z.strictObject({ country: z.string(), currency: z.string(), rails: z.array(BankRail) });
export type BankSchemas = z.infer<typeof BankSchemas>;

/** Field names whose values identify an account: never sent to the renderer in full. */
export const SENSITIVE_BANK_FIELD = /number|iban|account(?!type|holder)/i;
const MASKED = /^•+[A-Za-z0-9]{0,4}$/;

/** Bank details as the renderer may see them: account and routing numbers reduced to their last 4. */
export const MaskedBankDetails = z
  .record(FieldName, z.string().max(200))
  .refine((d) => Object.entries(d).every(([k, v]) => !SENSITIVE_BANK_FIELD.test(k) || MASKED.test(v)), 'account numbers must be masked');

export const ExternalAccount = z.strictObject({
  id: z.string().max(100),
  customerId: z.string(),
  /** `usBank` in the documented example; absent from the sandbox preview's older shape. */
  type: z.string().nullable(),
  network: BankNetwork,
  country: z.string(),
  currency: z.string(),
  status: z.string(),
  bankDetails: MaskedBankDetails,
  createdAt: IsoTimestamp,
});
export type ExternalAccount = z.infer<typeof ExternalAccount>;

export const externalAccountsContract = {
  /** The bank rails offered for a country and currency, each with its form fields. */
  schemas: query(
    'externalAccounts.schemas',
    'The bank rails (ach, wire, swift) for a country and currency, with their form fields.',
    z.object({ country: Country, currency: Currency }),
    BankSchemas,
  ),
  /** Registers a customer's bank account; the answer masks account and routing numbers. */
  create: mutation(
    'externalAccounts.create',
    "Registers a customer's external bank account (answer masked to the last 4 digits).",
    z.object({
      customerId: CustomerId,
      network: BankNetwork,
      country: Country,
      currency: Currency,
      bankDetails: z
        .record(FieldName, z.string().trim().max(100))
        .refine((d) => Object.keys(d).length <= 20, 'must have at most 20 fields'),
    }),
    ExternalAccount,
  ),
};
