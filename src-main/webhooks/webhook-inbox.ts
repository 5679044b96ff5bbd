import type { StatementSync } from 'node:sqlite';
import type { WebhookVerdict } from '#shared/domain/webhook.ts';
import { InboxEntry as InboxEntrySchema, type InboxDetail, type InboxEntry } from '#shared/ipc/inbox.contract.ts';
import { transaction, type Db } from '../store/database.ts';
import { duplicateBody, storedBody } from './inbox-body.ts';

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

interface Row {
  seq: number;
  profile_id: string;
  event_id: string | null;
  type: string | null;
  customer_id: string | null;
  verdict: WebhookVerdict;
  reason: string;
  applied: number;
  duplicate: number;
  source: DeliverySource;
  received_at: string;
  body_size: number | null;
  body_sha256: string | null;
  body_truncated: number;
  variant: string | null;
  headers?: string;
  raw_body?: Uint8Array;
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

/** Ids are kept at least this long so a redelivery days later is still recognised (issue 5). */
export const DEDUPE_RETENTION_MS = 7 * 24 * 3600 * 1000;
const LOG_RETENTION_MS = 30 * 24 * 3600 * 1000;
/** The detail view shows this much of a body; the full bytes stay stored. */
const DETAIL_BODY_CHARS = 256 * 1024;
const COLS = 'seq, profile_id, event_id, type, customer_id, verdict, reason, applied, duplicate, source, received_at, body_size, body_sha256, body_truncated, variant';

const toRecord = (r: Row): InboxRecord => ({
  seq: r.seq,
  eventId: r.event_id,
  type: r.type,
  customerId: r.customer_id,
  verdict: r.verdict,
  reason: r.reason,
  applied: r.applied === 1,
  duplicate: r.duplicate === 1,
  source: r.source,
  receivedAt: r.received_at,
  profileId: r.profile_id,
  variant: r.variant,
  bodySize: r.body_size ?? 0,
  bodySha256: r.body_sha256,
});

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

/** The durable half of the pipeline: a row is committed before the sender gets its 2xx. */
export class WebhookInbox {
  readonly #db: Db;
  readonly #maxRejected: number;
  readonly #rejectedBytes: number;
  #stmts: Record<'claim' | 'insert' | 'firstSeq' | 'finish' | 'firstCopy', StatementSync> | null = null;

  constructor(db: Db, opts: InboxOptions = {}) {
    this.#db = db;
    this.#maxRejected = opts.maxRejectedRows ?? 1000;
    this.#rejectedBytes = opts.rejectedBodyBytes ?? 4096;
  }

  /** Stores one delivery (see recordMany). */
  record(d: NewDelivery, accept: boolean, bypassDedupe = false): InboxRecord {
    return this.recordMany([{ delivery: d, accept, bypassDedupe }])[0]!;
  }

  /**
   * Stores deliveries in one transaction (one fsync for a burst). A forged delivery cannot burn a
   * real id: only accepted ones claim theirs. A rejected body keeps its head, size and hash.
   */
  recordMany(items: readonly NewRecord[]): InboxRecord[] {
    return this.writeBatch(items, []);
  }

  /** New rows and effect outcomes in one transaction (the batcher's one commit per turn). */
  writeBatch(items: readonly NewRecord[], finishes: readonly FinishRecord[]): InboxRecord[] {
    const { claim, insert, firstSeq } = this.#writes();
    return transaction(this.#db, () => {
      let lastRejected = 0;
      const out = items.map(({ delivery: d, accept, bypassDedupe }) => {
        const size = d.rawBody.length;
        let duplicate = false;
        if (accept && d.eventId && !bypassDedupe) duplicate = Number(claim.run(d.profileId, d.eventId, d.receivedAt.toISOString()).changes) === 0;
        const applied = accept && !duplicate;
        const stored = duplicate ? duplicateBody(d, this.#writes().firstCopy, this.#rejectedBytes) : storedBody(d.rawBody, accept, this.#rejectedBytes);
        const at = d.receivedAt.toISOString();
        const res = insert.run(
          d.profileId, d.eventId, d.type, d.customerId, d.verdict, d.reason, applied ? 1 : 0, duplicate ? 1 : 0,
          applied ? 'pending' : 'skipped', d.source, at, JSON.stringify(d.headers), stored.body,
          stored.truncated ? 1 : 0, accept ? 0 : 1, size, stored.sha256, d.variant, stored.ref,
        );
        const seq = Number(res.lastInsertRowid);
        if (!accept) lastRejected = seq;
        // The first copy (or, when it was cleared, this one) is the row later duplicates refer to.
        if ((applied || stored.copy) && d.eventId && !bypassDedupe) firstSeq.run(seq, d.profileId, d.eventId);
        const rec: InboxRecord = {
          seq, eventId: d.eventId, type: d.type, customerId: d.customerId, verdict: d.verdict, reason: d.reason, applied, duplicate,
          source: d.source, receivedAt: at, profileId: d.profileId, variant: d.variant, bodySize: size, bodySha256: stored.sha256,
        };
        return rec;
      });
      if (lastRejected) this.#capRejected(lastRejected);
      if (finishes.length) this.#writeFinishes(finishes);
      return out;
    });
  }

  /** Prepared once per connection: per batch, that was thousands of SQL compilations a second at 1,000/s. */
  #writes(): Record<'claim' | 'insert' | 'firstSeq' | 'finish' | 'firstCopy', StatementSync> {
    this.#stmts ??= {
      claim: this.#db.prepare('INSERT OR IGNORE INTO webhook_dedupe (profile_id, event_id, first_seq, received_at) VALUES (?, ?, 0, ?)'),
      insert: this.#db.prepare(
        `INSERT INTO webhook_inbox (profile_id, event_id, type, customer_id, verdict, reason, applied, duplicate, state, source,
           received_at, headers, raw_body, body_truncated, rejected, body_size, body_sha256, variant, body_ref_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      firstSeq: this.#db.prepare('UPDATE webhook_dedupe SET first_seq = ? WHERE profile_id = ? AND event_id = ?'),
      finish: this.#db.prepare('UPDATE webhook_inbox SET state = ?, processed_at = ?, error = ? WHERE seq = ?'),
      firstCopy: this.#db.prepare(
        'SELECT i.seq, i.raw_body FROM webhook_dedupe d JOIN webhook_inbox i ON i.seq = d.first_seq WHERE d.profile_id = ? AND d.event_id = ? AND i.body_ref_seq IS NULL AND i.body_truncated = 0',
      ),
    };
    return this.#stmts;
  }

  /** Drops the oldest rejected rows beyond the cap (an index range, so cheap per batch). */
  #capRejected(newest: number): void {
    const edge = this.#db
      .prepare('SELECT seq FROM webhook_inbox WHERE rejected = 1 AND seq <= ? ORDER BY seq DESC LIMIT 1 OFFSET ?')
      .get(newest, this.#maxRejected) as { seq: number } | undefined;
    if (edge) this.#db.prepare('DELETE FROM webhook_inbox WHERE rejected = 1 AND seq <= ?').run(edge.seq);
  }

  /** Records the outcome of the effect; `pending` rows left by a crash are resumed at start. */
  finish(seq: number, state: 'done' | 'failed', error?: string): void {
    this.finishMany([{ seq, state, error: error ?? null }]);
  }

  finishMany(items: readonly FinishRecord[]): void {
    if (items.length) transaction(this.#db, () => this.#writeFinishes(items));
  }

  #writeFinishes(items: readonly FinishRecord[]): void {
    const at = new Date().toISOString();
    const update = this.#writes().finish;
    for (const i of items) update.run(i.state, at, i.error, i.seq);
  }

  pending(): PendingDelivery[] {
    const rows = this.#db
      .prepare("SELECT seq, profile_id, event_id, type, customer_id, raw_body FROM webhook_inbox WHERE state = 'pending' ORDER BY seq")
      .all() as unknown as Row[];
    return rows.map((r) => ({ seq: r.seq, profileId: r.profile_id, eventId: r.event_id, type: r.type, customerId: r.customer_id, rawBody: Buffer.from(r.raw_body!) }));
  }

  /** Newest first, each with the profile it belongs to. */
  listRecords(f: InboxFilter): { items: InboxRecord[]; hasMore: boolean } {
    const where: string[] = [];
    const args: (string | number)[] = [];
    const add = (sql: string, v: string | number | undefined) => {
      if (v === undefined) return;
      where.push(sql);
      args.push(v);
    };
    add('profile_id = ?', f.profileId);
    add('type = ?', f.type);
    add('customer_id = ?', f.customerId);
    add('verdict = ?', f.verdict);
    add('received_at >= ?', f.since);
    add('received_at <= ?', f.until);
    add('seq < ?', f.beforeSeq);
    const limit = f.limit ?? 100;
    const sql = `SELECT ${COLS} FROM webhook_inbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
    const rows = this.#db.prepare(sql).all(...args, limit + 1) as unknown as Row[];
    return { items: rows.slice(0, limit).map(toRecord), hasMore: rows.length > limit };
  }

  /** Contract-shaped entries (`inbox.list`); pass `profileId` to show one profile's deliveries. */
  list(f: InboxFilter): { items: InboxEntry[]; hasMore: boolean } {
    const page = this.listRecords(f);
    return { items: page.items.map(contractEntry), hasMore: page.hasMore };
  }

  recordOf(seq: number): InboxRecord | null {
    const r = this.#db.prepare(`SELECT ${COLS} FROM webhook_inbox WHERE seq = ?`).get(seq) as unknown as Row | undefined;
    return r ? toRecord(r) : null;
  }

  entry(seq: number): InboxEntry | null {
    const r = this.recordOf(seq);
    return r ? contractEntry(r) : null;
  }

  get(seq: number): (InboxDetail & { rawBytes: Buffer; profileId: string }) | null {
    const r = this.#db
      .prepare(`SELECT ${COLS}, headers, coalesce((SELECT f.raw_body FROM webhook_inbox f WHERE f.seq = w.body_ref_seq), raw_body) AS raw_body FROM webhook_inbox w WHERE seq = ?`)
      .get(seq) as unknown as Row | undefined;
    if (!r) return null;
    const rawBytes = Buffer.from(r.raw_body!);
    const text = rawBytes.toString('utf8');
    return {
      ...contractEntry(toRecord(r)),
      headers: JSON.parse(r.headers!) as Record<string, string>,
      rawBody: text.slice(0, DETAIL_BODY_CHARS),
      bodyTruncated: r.body_truncated === 1 || text.length > DETAIL_BODY_CHARS,
      rawBytes,
      profileId: r.profile_id,
    };
  }

  /** The store, for read-only summaries of the log (services/inbox/inbox-stats.ts). */
  get store(): Db {
    return this.#db;
  }

  /** Empties the inbox (one profile's, or all); dedupe ids stay so a redelivery is still not re-applied. */
  clear(profileId?: string): number {
    if (profileId === undefined) return Number(this.#db.prepare("DELETE FROM webhook_inbox WHERE state <> 'pending'").run().changes);
    return Number(this.#db.prepare("DELETE FROM webhook_inbox WHERE state <> 'pending' AND profile_id = ?").run(profileId).changes);
  }

  prune(now = Date.now()): void {
    this.#db.prepare('DELETE FROM webhook_dedupe WHERE received_at < ?').run(new Date(now - DEDUPE_RETENTION_MS).toISOString());
    // A row whose body later duplicates refer to goes with the last of them.
    this.#db
      .prepare("DELETE FROM webhook_inbox WHERE received_at < ? AND state <> 'pending' AND seq NOT IN (SELECT body_ref_seq FROM webhook_inbox WHERE body_ref_seq IS NOT NULL)")
      .run(new Date(now - LOG_RETENTION_MS).toISOString());
  }
}
