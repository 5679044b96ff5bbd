import { z } from 'zod';

// The wire between the webhook relay (src-relay) and a console's relay client (src-main): the one
// definition of each event both sides use. The relay imports these types only (so its image needs
// no zod); it writes frames with relay-wire.ts, and the console parses them with these schemas.

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** One stored delivery: the headers OMS sent that matter, and the exact body bytes in base64. */
export const relayDeliverySchema = z.object({
  cursor: z.string().min(1).max(100),
  receivedAt: z.string(),
  headers: z.record(z.string(), z.string()),
  bodyBase64: z.string().regex(BASE64),
});
export type RelayDelivery = z.infer<typeof relayDeliverySchema>;

/** Sent once per connection after the backlog: how many were replayed, and the newest cursor sent. */
export const relayCaughtUpSchema = z.object({ count: z.number().int().nonnegative(), cursor: z.string().nullable() });
export type RelayCaughtUp = z.infer<typeof relayCaughtUpSchema>;

/** The starting cursor is older than what retention kept: some deliveries are gone. */
export const relayGapSchema = z.object({ reason: z.literal('pruned'), cursor: z.string(), prunedThrough: z.string() });
export type RelayGap = z.infer<typeof relayGapSchema>;

/** The starting cursor is ahead of anything the relay issued (its store was replaced). */
export const relayResetSchema = z.object({ reason: z.literal('cursor_ahead'), cursor: z.string(), lastCursor: z.string().nullable() });
export type RelayReset = z.infer<typeof relayResetSchema>;

/** The token was revoked; the stream ends. */
export const relayRevokedSchema = z.object({ tokenId: z.string() });
export type RelayRevoked = z.infer<typeof relayRevokedSchema>;

export interface RelayEventData {
  delivery: RelayDelivery;
  'caught-up': RelayCaughtUp;
  gap: RelayGap;
  reset: RelayReset;
  revoked: RelayRevoked;
}
export type RelayEventName = keyof RelayEventData;

/** Every refusal the relay answers: a stable code and a sentence. */
export const relayErrorSchema = z.object({ error: z.string(), message: z.string() });
export type RelayError = z.infer<typeof relayErrorSchema>;
