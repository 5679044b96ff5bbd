import { z } from 'zod';
import { IsoTimestamp } from './common.ts';

export const ENDORSEMENT_NAMES = ['basic', 'cryptoCustody', 'usd'] as const;
export const EndorsementName = z.enum(ENDORSEMENT_NAMES);
export type EndorsementName = z.infer<typeof EndorsementName>;

export const KNOWN_ENDORSEMENT_STATUSES = ['incomplete', 'pending', 'active', 'rejected', 'revoked'] as const;
export type KnownEndorsementStatus = (typeof KNOWN_ENDORSEMENT_STATUSES)[number];

// One doc page shows "ACTIVE": known statuses are normalised to lower case, unknown ones are kept
// verbatim so the UI can show exactly what OMS said instead of hiding it.
export const EndorsementStatus = z.string().min(1).transform((s) => {
  const lower = s.toLowerCase();
  return (KNOWN_ENDORSEMENT_STATUSES as readonly string[]).includes(lower) ? lower : s;
});

export const Requirements = z.looseObject({
  complete: z.array(z.string()).default([]),
  pending: z.array(z.string()).default([]),
  missing: z.array(z.string()).default([]),
  issues: z.array(z.unknown()).default([]),
});

export const RejectionReason = z.looseObject({
  developerReason: z.string().nullish(),
  reason: z.string().nullish(),
});

export const Endorsement = z.looseObject({
  name: z.string().min(1),
  status: EndorsementStatus,
  requirements: Requirements.default({ complete: [], pending: [], missing: [], issues: [] }),
  rejectionReasons: z.array(RejectionReason).default([]),
  updatedAt: IsoTimestamp.nullish(),
});
export type Endorsement = z.infer<typeof Endorsement>;
