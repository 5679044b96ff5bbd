import { z } from 'zod';
import { CustomerId } from '../domain/common.ts';
import { mutation } from './operation.ts';

export const PII_FIELDS = ['email', 'phone'] as const;

/** Characters that take no visible room: stripped, so a reason cannot look given while saying nothing. */
const INVISIBLE = /[\p{Cf}\p{Co}\p{Cn}\u115F\u1160\u3164\uFFA0\u2800]/gu;
const BLANK = /[\s\p{Cc}\p{Z}]+/gu;

/**
 * An operator's reason as the audit log keeps it: NFC, format and control characters (zero-width
 * spaces, joiners, bidi overrides, tags) removed, runs of whitespace as one space, trimmed.
 */
export const normaliseReason = (raw: string): string => raw.normalize('NFC').replace(INVISIBLE, '').replace(BLANK, ' ').trim();

/**
 * The words an operator gives for an audited action, normalised. `max` bounds what is kept; what
 * arrives may be longer by the characters normalising removes, within a bound of its own.
 */
export const reasonText = (max: number) =>
  z
    .string()
    .max(max * 4)
    .transform(normaliseReason)
    .pipe(z.string().max(max));

/** Something a person can read: a letter, digit, punctuation or symbol. */
export const hasVisibleWords = (text: string): boolean => /[\p{L}\p{N}\p{P}\p{S}]/u.test(normaliseReason(text));

/** A required reason (reveals): it must say something a person can read. */
export const AuditReason = reasonText(200).refine(hasVisibleWords, 'is required: say why the data is needed, in visible words');

export const piiContract = {
  /** Reveals a customer's masked fields for a limited time; always audited, with the reason given. */
  reveal: mutation(
    'pii.reveal',
    "Reveals a customer's masked fields for a limited time; audited.",
    z.object({ customerId: CustomerId, fields: z.array(z.enum(PII_FIELDS)).min(1).max(2), reason: AuditReason }),
    z.strictObject({
      customerId: z.string(),
      values: z.strictObject({ email: z.string().nullable().optional(), phone: z.string().nullable().optional() }),
      /** The renderer re-masks at this time. */
      expiresAt: z.string(),
    }),
    'local',
  ),
};
