import { z } from 'zod';

/** The console's page shape, whatever pagination style an endpoint uses (oms-api.md §2). */
export interface Page<T> {
  items: T[];
  hasMore: boolean;
  cursor: string | null;
}

/** Customers and wallets: `{data, hasMore, cursor}`. */
export const cursorPage = <T extends z.ZodType>(item: T) =>
  z.looseObject({ data: z.array(item), hasMore: z.boolean(), cursor: z.string().nullish(), nextCursor: z.string().nullish() }).transform(
    (p): Page<z.output<T>> => ({ items: p.data, hasMore: p.hasMore, cursor: p.hasMore ? (p.cursor ?? p.nextCursor ?? null) : null }),
  );

/** Transactions: `{data, hasMore, nextCursor, previousCursor}`, newest first, `startingAfter`. */
export const transactionPage = <T extends z.ZodType>(item: T) =>
  z.looseObject({ data: z.array(item), hasMore: z.boolean(), nextCursor: z.string().nullish(), previousCursor: z.string().nullish() }).transform(
    (p): Page<z.output<T>> => ({ items: p.data, hasMore: p.hasMore, cursor: p.hasMore ? (p.nextCursor ?? null) : null }),
  );

/** Lists some deployments return bare and others wrapped (`GET /webhooks` is undocumented). */
export const anyList = <T extends z.ZodType>(item: T) =>
  z.union([z.array(item), z.looseObject({ data: z.array(item) }).transform((p) => p.data)]);
