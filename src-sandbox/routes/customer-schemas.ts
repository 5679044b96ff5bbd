import { z } from 'zod';
import { ESTIMATE_CURRENCIES } from '../assets.ts';
import { ENDORSEMENT_NAMES, ENDORSEMENT_STATUSES } from '../types.ts';
import { alpha2, limitParam } from '../validate.ts';

const name = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');
const birthDate = z.iso.date('must be a date YYYY-MM-DD').refine((d) => d <= new Date().toISOString().slice(0, 10), 'must not be in the future');

const address = z.strictObject({
  line1: z.string().trim().min(1, 'must not be empty').max(200),
  line2: z.string().max(200).optional(),
  city: z.string().trim().min(1, 'must not be empty').max(100),
  state: z.string().max(100).optional(),
  country: alpha2,
  zipCode: z.string().max(20).optional(),
});

/**
 * Why a US taxpayer number cannot exist, by the issuers' published structure rules (SSA for SSNs,
 * IRS for ITINs), or null. OMS's own checks are unpublished [choice, oms-api.md §9]: these are the
 * ones any US KYC provider applies, and the console does not repeat them, so they are the sandbox's
 * honest stand-in for "OMS refused a field only OMS can judge".
 */
export function taxIdProblem(type: 'ssn' | 'itin', number: string): string | null {
  const m = /^(\d{3})[- ]?(\d{2})[- ]?(\d{4})$/.exec(number.trim());
  const what = type === 'ssn' ? 'an SSN' : 'an ITIN';
  if (!m) return `is not ${what}: it has 9 digits, written AAA-GG-SSSS`;
  const [area, group, serial] = [m[1]!, m[2]!, m[3]!];
  const g = Number(group);
  if (type === 'itin') {
    if (!area.startsWith('9')) return 'is not an ITIN: every ITIN starts with 9';
    if (!((g >= 50 && g <= 65) || (g >= 70 && g <= 88) || (g >= 90 && g <= 92) || g >= 94)) return 'is not an ITIN: its middle two digits are 50–65, 70–88, 90–92 or 94–99';
    return null;
  }
  if (area === '000' || area === '666' || area.startsWith('9')) return 'is not an SSN: no SSN starts with 000, 666 or 9';
  if (group === '00') return 'is not an SSN: its middle two digits are never 00';
  if (serial === '0000') return 'is not an SSN: its last four digits are never 0000';
  return null;
}

const identityDocument = z
  .strictObject({
    type: z.enum(['ssn', 'itin', 'driversLicense', 'passport']),
    issuingCountry: alpha2,
    number: z.string().trim().min(1, 'must not be empty').max(64),
  })
  .superRefine((d, ctx) => {
    if (d.type !== 'ssn' && d.type !== 'itin') return;
    if (d.issuingCountry !== 'US') ctx.addIssue({ code: 'custom', path: ['issuingCountry'], message: `must be US: ${d.type === 'ssn' ? 'an SSN' : 'an ITIN'} is issued only by the US` });
    const problem = taxIdProblem(d.type, d.number);
    if (problem) ctx.addIssue({ code: 'custom', path: ['number'], message: problem });
  });

const fields = {
  firstName: name,
  middleName: name,
  lastName: name,
  email: z.email('must be a valid email address').max(254),
  phone: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be E.164, e.g. +14155550100'),
  birthDate,
  nationality: alpha2,
  ipAddress: z.union([z.ipv4(), z.ipv6()], { error: 'must be an IPv4 or IPv6 address' }),
  externalId: z.string().trim().min(1, 'must not be empty').max(255),
  signedAgreement: z.boolean(),
  residentialAddress: address,
  identifyingInformation: z.array(identityDocument).max(10),
  endorsements: z.array(z.enum(ENDORSEMENT_NAMES)).max(3),
  metadata: z.record(z.string().max(40), z.string().max(500)).refine((m) => Object.keys(m).length <= 50, 'at most 50 keys'),
};

export const createCustomerSchema = z.strictObject({
  type: z.literal('individual', { error: 'must be "individual" (the only type in v0.9)' }),
  ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.optional()])),
}) as unknown as z.ZodType<CreateCustomerInput>;

/** PATCH: every field optional; null clears an optional field. */
export const patchCustomerSchema = z.strictObject(
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.nullable().optional()])),
) as unknown as z.ZodType<PatchCustomerInput>;

type Fields = { [K in keyof typeof fields]: z.infer<(typeof fields)[K]> };
export type CreateCustomerInput = { type: 'individual' } & Partial<Fields>;
export type PatchCustomerInput = { [K in keyof Fields]?: Fields[K] | null };

export const PII_FIELDS = ['birthDate', 'residentialAddress', 'ipAddress', 'identifyingInformation'] as const;
/** PATCHing any of these re-reviews granted or rejected endorsements (contract §3). */
export const RE_REVIEW_FIELDS = ['residentialAddress', 'lastName', 'identifyingInformation', 'ipAddress', 'endorsements'];

const isoDateTime = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time' }).transform((s) => new Date(s).toISOString());

export const listCustomersQuery = z.strictObject({
  status: z.enum(['active', 'inactive']).optional(),
  email: z.string().min(1).optional(),
  externalId: z.string().min(1).optional(),
  createdAfter: isoDateTime.optional(),
  createdBefore: isoDateTime.optional(),
  q: z.string().trim().min(1, 'must not be empty').max(200).optional(),
  endorsement: z
    .string()
    .regex(new RegExp(`^(${ENDORSEMENT_NAMES.join('|')}):(${ENDORSEMENT_STATUSES.join('|')})$`), `must be <name>:<status>, e.g. usd:pending`)
    .transform((s) => {
      const [n = '', st = ''] = s.split(':');
      return { name: n, status: st };
    })
    .optional(),
  limit: limitParam(20, 100),
  cursor: z.string().optional(),
});

export const balanceQuery = z.strictObject({
  estimatedBalanceCurrencyCode: z
    .string()
    .transform((s) => s.toUpperCase())
    .pipe(z.enum(ESTIMATE_CURRENCIES as [string, ...string[]], { error: `must be one of ${ESTIMATE_CURRENCIES.join(', ')}` }))
    .default('USD'),
});
