import { z } from 'zod';

// OMS ids are TypeIDs (`cst_…`); the suffix length is not validated strictly (oms-api.md §2).
const typeId = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}_[A-Za-z0-9]+$`), `must be a ${prefix}_… id`);

export const CustomerId = typeId('cst');
export const WalletId = typeId('wlt');
export const WebhookId = typeId('whk');
export const EventId = typeId('evt');

/** Decimal money or rate as OMS sends it: a string, never a float. */
export const DecimalString = z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal string like "100.00"');
export const IsoTimestamp = z.string().min(1);
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
export const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 country code like "US"');
export const E164Phone = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number like "+14155550123"');
export const Metadata = z.record(z.string(), z.string().max(500));

/** Short, bounded free text for inputs: the first line of defence against oversized payloads. */
export const ShortText = (max = 200) => z.string().trim().max(max);

/** A page of items as the console exposes it, whatever pagination style OMS used underneath. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), hasMore: z.boolean(), cursor: z.string().nullable() });
