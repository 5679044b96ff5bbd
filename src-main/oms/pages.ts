import { z } from 'zod';

/** The console's page shape, whatever pagination style an endpoint uses (oms-api.md §2). */
export interface Page<T> {
  items: T[];
  hasMore: boolean;
  cursor: string | null;
}

/**
 * Every documented list shape in one parser: customers `{data, hasMore, cursor}`, cash-ins
 * `{data, hasMore, nextCursor}`, transactions `{data, hasMore, nextCursor, previousCursor}`, and a
 * bare array (`GET /webhooks` is undocumented). The cursor is kept only when there is more to read.
 */
export const omsPage = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    // A bare array is read as `{data: [...]}`, so an error still names the item (`data.3.id`).
    (v) => (Array.isArray(v) ? { data: v, hasMore: false } : v),
    z
      .looseObject({ data: z.array(item), hasMore: z.boolean().nullish(), cursor: z.string().nullish(), nextCursor: z.string().nullish() })
      .transform((p): Page<z.output<T>> => {
        const next = p.nextCursor ?? p.cursor ?? null;
        const hasMore = p.hasMore ?? next !== null;
        return { items: p.data, hasMore, cursor: hasMore ? next : null };
      }),
  );
