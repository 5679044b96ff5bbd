import { z } from 'zod';

/** Longest id the console accepts or shows: TypeIDs are ~30 chars; anything longer is not an id. */
export const MAX_ID = 100;

// OMS ids are TypeIDs (`cst_…`); the suffix length is not validated strictly (oms-api.md §2), but
// it is bounded, so an id can never carry a payload into a regex, a log or a URL.
const typeId = (prefix: string) =>
  z
    .string()
    .max(MAX_ID, `must be a ${prefix}_… id (at most ${MAX_ID} characters)`)
    .regex(new RegExp(`^${prefix}_[A-Za-z0-9]+$`), `must be a ${prefix}_… id`);

export const CustomerId = typeId('cst');
export const WalletId = typeId('wlt');
export const WebhookId = typeId('whk');
export const EventId = typeId('evt');
export const TransactionId = typeId('txn');
export const QuoteId = typeId('qt');
export const CashInId = typeId('ci');
export const CashLocationId = typeId('loc');

/** Decimal money or rate as OMS sends it: a string, never a float. */
export const DecimalString = z
  .string()
  .max(40, 'must be a decimal string of at most 40 characters')
  .regex(/^-?\d+(\.\d+)?$/, 'must be a decimal string like "100.00"');
/** A timestamp as OMS sends it (outputs): shown as given. */
export const IsoTimestamp = z.string().min(1).max(64);
/** A timestamp the operator or renderer sends (inputs): bounded and a real instant. */
export const IsoInstant = z
  .string()
  .max(40, 'must be an ISO-8601 timestamp (at most 40 characters)')
  .refine((s) => /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && !Number.isNaN(Date.parse(s)), 'must be an ISO-8601 timestamp like "2026-01-31T00:00:00Z"');
export const IsoDate = z.string().max(10).regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
export const CountryCode = z.string().max(2).regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 country code like "US"');
export const E164Phone = z.string().max(16).regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number like "+14155550123"');
export const Metadata = z.record(z.string().max(40), z.string().max(500)).refine((m) => Object.keys(m).length <= 50, 'must have at most 50 keys');
/** An opaque pagination cursor handed back to OMS as it came. */
export const Cursor = z.string().max(500);
/** A lower-case asset or network code (`usdc`, `polygon`): OMS's codes are short and lower case. */
export const Code = z.string().max(20).regex(/^[a-z0-9]{2,20}$/, 'must be a lower-case code like "usdc" or "polygon"');

/** Short, bounded free text for inputs: the first line of defence against oversized payloads. */
export const ShortText = (max = 200) => z.string().trim().max(max);

/** A page of items as the console exposes it, whatever pagination style OMS used underneath. */
export const pageOf = <T extends z.ZodType>(item: T) => z.strictObject({ items: z.array(item), hasMore: z.boolean(), cursor: z.string().nullable() });
