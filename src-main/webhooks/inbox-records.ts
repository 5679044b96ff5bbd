import type { WebhookVerdict } from '#shared/domain/webhook.ts';
import { InboxEntry as InboxEntrySchema, type InboxEntry } from '#shared/ipc/inbox.contract.ts';

// What goes into the inbox and what comes out of it, apart from the SQL that keeps it: the intake,
// the batcher, the worker's messages and the processor speak these without opening a store.

export type DeliverySource = InboxEntry['source'];

export interface NewDelivery {
  profileId: string;
  /** The dedupe key (Webhook-Id, else derived from the payload; see webhook-envelope.ts). */
  eventId: string | null;
  type: string | null;
  customerId: string | null;
  verdict: WebhookVerdict;
  reason: string;
  /** The signature variant that matched, if any. */
  variant: string | null;
  source: DeliverySource;
  headers: Record<string, string>;
  rawBody: Buffer;
  receivedAt: Date;
}

export interface InboxFilter {
  /** Only this profile's deliveries (the Inbox screen shows the active profile's). */
  profileId?: string | undefined;
  type?: string | undefined;
  customerId?: string | undefined;
  verdict?: WebhookVerdict | undefined;
  since?: string | undefined;
  until?: string | undefined;
  beforeSeq?: number | undefined;
  limit?: number | undefined;
}

/** A row as main keeps it: the contract's entry and the profile it belongs to. */
export type InboxRecord = InboxEntry & {
  profileId: string;
  /** The signature variant that matched (null when none did). */
  variant: string | null;
  /** Size in bytes of the body as received (a rejected body is stored truncated). */
  bodySize: number;
  /** sha256 (hex) of the body as received; set for rejected rows, whose bytes are not all kept. */
  bodySha256: string | null;
};

export interface InboxOptions {
  /** Newest rejected rows kept (default 1,000): forged posts cannot fill the disk. */
  maxRejectedRows?: number;
  /** Bytes of a rejected body kept for inspection (default 4 KiB). */
  rejectedBodyBytes?: number;
}

export interface PendingDelivery {
  seq: number;
  profileId: string;
  eventId: string | null;
  type: string | null;
  customerId: string | null;
  rawBody: Buffer;
}

// The fields the contract's entry declares (its schema is strict). Read from the schema, so a field
// added there (variant, bodySize, bodySha256: see README) reaches IPC and the bus with no change here.
const ENTRY_KEYS = Object.keys(InboxEntrySchema.shape);

/** Exactly the contract's `InboxEntry`: for IPC and the event bus. */
export function contractEntry(r: InboxRecord): InboxEntry {
  const out: Record<string, unknown> = {};
  for (const k of ENTRY_KEYS) if (k in r) out[k] = (r as Record<string, unknown>)[k];
  return out as InboxEntry;
}

export interface FinishRecord {
  seq: number;
  state: 'done' | 'failed';
  error: string | null;
}

export interface NewRecord {
  delivery: NewDelivery;
  /** The pipeline would apply it (verified, or report-only). Only accepted rows claim their id. */
  accept: boolean;
  bypassDedupe?: boolean;
}
