import { z } from 'zod';
import { ENDORSEMENT_NAMES, KNOWN_ENDORSEMENT_STATUSES } from './endorsement-names.ts';

export { ENDORSEMENT_NAMES, KNOWN_ENDORSEMENT_STATUSES };
export const EndorsementName = z.enum(ENDORSEMENT_NAMES);
export type EndorsementName = z.infer<typeof EndorsementName>;

export type KnownEndorsementStatus = (typeof KNOWN_ENDORSEMENT_STATUSES)[number];
/**
 * `listed`: OMS gave the endorsement as a bare name (`"endorsements": ["basic"]`, payments/customers),
 * which says it is on the customer and nothing about its state: shown as "granted per OMS list".
 * `unknown`: an endorsement object without a status (the API reference's example).
 */
export const ENDORSEMENT_PSEUDO_STATUSES = ['listed', 'unknown'] as const;

/** What the renderer is told about one endorsement, whatever form OMS used (oms-api.md §3). */
export const EndorsementView = z.strictObject({
  /** Normalised name when known (`cryptoCustody`), else OMS's own text verbatim. */
  name: z.string(),
  /** A known status in lower case, `listed`/`unknown`, or OMS's own text verbatim. */
  status: z.string(),
  requirements: z.strictObject({
    complete: z.array(z.string()),
    pending: z.array(z.string()),
    missing: z.array(z.string()),
    /** Field issues in words OMS gave (or the field name when it gave only that). */
    issues: z.array(z.string()),
  }),
  rejectionReasons: z.array(z.strictObject({ reason: z.string().nullable(), developerReason: z.string().nullable() })),
  updatedAt: z.string().nullable(),
});
export type EndorsementView = z.infer<typeof EndorsementView>;
