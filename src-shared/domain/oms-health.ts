import { z } from 'zod';

export const OMS_HEALTH_STATES = ['unknown', 'ok', 'slow', 'rate-limited', 'degraded', 'down'] as const;

/**
 * How OMS itself is doing for the active profile, from the console's own calls — not the
 * console's heartbeat: a green heartbeat says nothing about an OMS that fails or hangs.
 */
export const OmsHealthView = z.strictObject({
  profileId: z.string(),
  state: z.enum(OMS_HEALTH_STATES),
  /** One plain sentence for the status bar. */
  detail: z.string(),
  /** Median duration of the last successful calls. */
  latencyMs: z.number().nullable(),
  lastOkAt: z.string().nullable(),
  lastError: z.strictObject({ code: z.string(), status: z.number().nullable(), at: z.string() }).nullable(),
  rateLimitedUntil: z.string().nullable(),
  inFlight: z.number().int(),
  /** How long the oldest call still waiting has waited. */
  oldestInFlightMs: z.number().nullable(),
});
export type OmsHealthView = z.infer<typeof OmsHealthView>;
