import { z } from 'zod';
import { IsoInstant } from '../domain/common.ts';
import { SignatureVariantName, WebhookVerdict } from '../domain/webhook.ts';
import { mutation, NoInput, query } from './operation.ts';
import { AuditReason } from './pii.contract.ts';
import { httpsOrLoopbackUrl } from './settings.contract.ts';

export const ListenerState = z.enum(['stopped', 'listening', 'relay-connected', 'reconnecting', 'stale']);
export type ListenerState = z.infer<typeof ListenerState>;

/**
 * The console's subscription to a relay channel (null when none is configured). `cursor` is the last
 * delivery stored in the inbox, `lagMs` how late the newest one arrived after the relay stored it,
 * `caughtUp` the backlog replayed on the latest (re)connect. Never the token: its fingerprint only.
 */
export const RelayStatus = z.strictObject({
  connected: z.boolean(),
  cursor: z.string().nullable(),
  lagMs: z.number().nullable(),
  lastDeliveryAt: z.string().nullable(),
  caughtUp: z.number().int().nullable(),
  tokenFingerprint: z.string().nullable(),
  /** Where the token is kept: `memory` means it is gone when the console stops (no keychain here). */
  tokenStorage: z.enum(['keychain', 'session', 'memory']).nullable(),
  problem: z.string().nullable(),
});
export type RelayStatus = z.infer<typeof RelayStatus>;

export const ListenerStatus = z.strictObject({
  state: ListenerState,
  /** The URL OMS (or the relay/tunnel) must deliver to. */
  url: z.string().nullable(),
  port: z.number().int().nullable(),
  relayUrl: z.string().nullable(),
  verification: z.enum(['enforce', 'report-only']),
  lastEventAt: z.string().nullable(),
  lastVerdict: WebhookVerdict.nullable(),
  /** Fingerprints of the webhook secrets tried in turn; never the secrets. */
  secretFingerprints: z.array(z.string()),
  /** Plain-words explanation of the current state, e.g. why it is stale. */
  detail: z.string().nullable(),
  relay: RelayStatus.nullable(),
});
export type ListenerStatus = z.infer<typeof ListenerStatus>;

export const InboxEntry = z.strictObject({
  /** Inbox row id (each delivery, duplicates included, is a row). */
  seq: z.number().int(),
  eventId: z.string().nullable(),
  type: z.string().nullable(),
  customerId: z.string().nullable(),
  verdict: WebhookVerdict,
  reason: z.string(),
  applied: z.boolean(),
  duplicate: z.boolean(),
  source: z.enum(['listener', 'relay', 'replay']),
  receivedAt: z.string(),
  /** The signature variant that verified it (null when none did). */
  variant: z.string().max(80).nullable(),
  /** The body's size as received, and its sha256 for a rejected one (its body is kept cut to 4 KiB). */
  bodySize: z.number().int().nonnegative(),
  bodySha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
});
export type InboxEntry = z.infer<typeof InboxEntry>;

/**
 * One delivery for the viewer. The payload carries the full OMS object (a customer's email and
 * phone, a transaction owner's birth date…): `body` is pretty JSON with that PII masked; the clear
 * body only through the audited `revealBody`.
 */
export const InboxDetailView = InboxEntry.extend({
  headers: z.record(z.string(), z.string()),
  body: z.string(),
  /** True when masking changed something in the body. */
  piiMasked: z.boolean(),
  bodyTruncated: z.boolean(),
});
export type InboxDetailView = z.infer<typeof InboxDetailView>;

/** A stored delivery as main keeps it (headers and the body text); never sent as is. */
export const InboxDetail = InboxEntry.extend({ headers: z.record(z.string(), z.string()), rawBody: z.string(), bodyTruncated: z.boolean() });
export type InboxDetail = z.infer<typeof InboxDetail>;

/** Deliveries per minute (oldest first, every minute present) and the verdict mix, for the Events chart. */
export const InboxStats = z.strictObject({
  from: z.string(),
  to: z.string(),
  buckets: z.array(z.strictObject({ at: z.string(), delivered: z.number().int().nonnegative(), failed: z.number().int().nonnegative() })).max(240),
  verdicts: z.array(z.strictObject({ verdict: WebhookVerdict, count: z.number().int().nonnegative() })),
});
export type InboxStats = z.infer<typeof InboxStats>;

export const inboxContract = {
  /** Received webhook deliveries, newest first, filtered. */
  list: query(
    'inbox.list',
    'Received webhook deliveries, newest first.',
    z.object({
      type: z.string().max(100).optional(),
      customerId: z.string().max(100).optional(),
      verdict: WebhookVerdict.optional(),
      since: IsoInstant.optional(),
      until: IsoInstant.optional(),
      beforeSeq: z.number().int().optional(),
      limit: z.number().int().min(1).max(500).optional(),
    }),
    z.strictObject({ items: z.array(InboxEntry), hasMore: z.boolean() }),
  ),
  /** One delivery with its headers and its payload, PII masked. */
  get: query('inbox.get', 'One delivery with headers and its payload, PII masked.', z.object({ seq: z.number().int() }), InboxDetailView),
  /** The clear payload of one delivery, for a limited time; audited like any PII reveal. */
  revealBody: mutation(
    'inbox.revealBody',
    'The clear payload of one delivery, for a limited time; audited.',
    z.object({ seq: z.number().int(), reason: AuditReason }),
    z.strictObject({ seq: z.number().int(), body: z.string(), expiresAt: z.string() }),
    'local',
  ),
  /** Runs a stored delivery through the pipeline again (its effect is a re-fetch, so it is safe). */
  replay: mutation('inbox.replay', 'Runs a stored delivery through the pipeline again.', z.object({ seq: z.number().int() }), InboxEntry, 'local'),
  /** Empties the inbox (dedupe ids are kept). */
  clear: mutation('inbox.clear', 'Empties the inbox; dedupe ids are kept.', z.object({}), z.strictObject({ cleared: z.number().int() }), 'local'),
  /** Listener health: state, URL to register, last event, secret fingerprints. */
  listenerStatus: query('inbox.listenerStatus', 'Webhook listener health and the URL to register.', NoInput, ListenerStatus),
  /**
   * Changes listener port, relay channel and token, or pinned variant for the active profile. The
   * verification mode is the profile's own (settings.saveProfile): sending it here is refused.
   */
  configureListener: mutation(
    'inbox.configureListener',
    'Changes the listener port, relay channel and token, or the pinned signature variant.',
    z.object({
      port: z.number().int().min(1024).max(65535).optional(),
      relayUrl: httpsOrLoopbackUrl(2048).nullable().optional(),
      /** Accept only this signature variant (null: try them all, Standard Webhooks first). */
      signatureVariant: SignatureVariantName.nullable().optional(),
      /** The relay's console token (rly_…): kept in the keychain, never sent back; null forgets it. */
      relayToken: z.string().trim().min(8).max(200).nullable().optional(),
    }),
    ListenerStatus,
    'local',
  ),
  /** Deliveries and failures per minute over the last hour (or `minutes`), and the verdict mix. */
  stats: query(
    'inbox.stats',
    'Deliveries and failures per minute, and the verdict mix, over the last hour.',
    z.object({ minutes: z.number().int().min(5, 'must be at least 5 minutes').max(240, 'must be at most 240 minutes (4 hours)').optional() }),
    InboxStats,
  ),
};
