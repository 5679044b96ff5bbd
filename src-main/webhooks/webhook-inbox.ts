import { createHash } from 'node:crypto';
import type { WebhookVerdict } from '#shared/domain/webhook.ts';
import type { InboxDetail, InboxEntry } from '#shared/ipc/events.contract.ts';
import { transaction, type Db } from '../store/database.ts';

export type DeliverySource = InboxEntry['source'];

export interface NewDelivery {
  profileId: string;
  eventId: string | null;
  type: string | null;
  customerId: string | null;
  verdict: WebhookVerdict;
  reason: string;
  source: DeliverySource;
  headers: Record<string, string>;
  rawBody: Buffer;
  receivedAt: Date;
}

export interface InboxFilter {
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
  event_id: string | null;
  type: string | null;
  customer_id: string | null;
  verdict: WebhookVerdict;
  reason: string;
  applied: number;
  duplicate: number;
  source: DeliverySource;
  received_at: string;
  headers?: string;
  raw_body?: Uint8Array;
  state?: string;
  profile_id?: string;
  body_size: number | null;
  body_sha256: string | null;
  body_truncated: number;
}

/** What the inbox returns per row: the contract's entry plus what the log shows about the body. */
export type InboxRecord = InboxEntry & {
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

/** Ids are kept at least this long so a redelivery days later is still recognised (issue 5). */
export const DEDUPE_RETENTION_MS = 7 * 24 * 3600 * 1000;
const LOG_RETENTION_MS = 30 * 24 * 3600 * 1000;
/** The detail view shows this much of a body; the full bytes stay stored. */
const DETAIL_BODY_CHARS = 256 * 1024;
const ENTRY_COLS = 'seq, event_id, type, customer_id, verdict, reason, applied, duplicate, source, received_at, body_size, body_sha256, body_truncated';

const toEntry = (r: Row): InboxRecord => ({
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
  bodySize: r.body_size ?? 0,
  bodySha256: r.body_sha256,
});

export interface PendingDelivery {
  seq: number;
  profileId: string;
  eventId: string | null;
  type: string | null;
  customerId: string | null;
  rawBody: Buffer;
}

/** The durable half of the pipeline: a row is committed before the sender gets its 2xx. */
export class WebhookInbox {
  readonly #db: Db;
  readonly #maxRejected: number;
  readonly #rejectedBytes: number;

  constructor(db: Db, opts: InboxOptions = {}) {
    this.#db = db;
    this.#maxRejected = opts.maxRejectedRows ?? 1000;
    this.#rejectedBytes = opts.rejectedBodyBytes ?? 4096;
  }

  /**
   * Stores one delivery. `accept` says the pipeline would apply it (verified, or report-only);
   * only accepted deliveries claim their event id, so a forged delivery cannot burn a real id.
   */
  record(d: NewDelivery, accept: boolean, bypassDedupe = false): InboxRecord {
    // Nobody vouches for a rejected body: keep enough to inspect it, and its size and hash.
    const size = d.rawBody.length;
    const keepAll = accept || size <= this.#rejectedBytes;
    const stored = keepAll ? d.rawBody : d.rawBody.subarray(0, this.#rejectedBytes);
    const sha256 = accept ? null : createHash('sha256').update(d.rawBody).digest('hex');
    return transaction(this.#db, () => {
      let duplicate = false;
      if (accept && d.eventId && !bypassDedupe) {
        const claim = this.#db
          .prepare('INSERT OR IGNORE INTO webhook_dedupe (profile_id, event_id, first_seq, received_at) VALUES (?, ?, 0, ?)')
          .run(d.profileId, d.eventId, d.receivedAt.toISOString());
        duplicate = Number(claim.changes) === 0;
      }
      const applied = accept && !duplicate;
      const res = this.#db
        .prepare(
          `INSERT INTO webhook_inbox (profile_id, event_id, type, customer_id, verdict, reason, applied, duplicate, state, source,
             received_at, headers, raw_body, body_truncated, rejected, body_size, body_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          d.profileId, d.eventId, d.type, d.customerId, d.verdict, d.reason, applied ? 1 : 0, duplicate ? 1 : 0,
          applied ? 'pending' : 'skipped', d.source, d.receivedAt.toISOString(), JSON.stringify(d.headers), stored,
          keepAll ? 0 : 1, accept ? 0 : 1, size, sha256,
        );
      const seq = Number(res.lastInsertRowid);
      if (!accept) this.#capRejected(seq);
      if (applied && d.eventId && !bypassDedupe) {
        this.#db.prepare('UPDATE webhook_dedupe SET first_seq = ? WHERE profile_id = ? AND event_id = ?').run(seq, d.profileId, d.eventId);
      }
      return {
        seq, eventId: d.eventId, type: d.type, customerId: d.customerId, verdict: d.verdict, reason: d.reason,
        applied, duplicate, source: d.source, receivedAt: d.receivedAt.toISOString(), bodySize: size, bodySha256: sha256,
      };
    });
  }

  /** Drops the oldest rejected rows beyond the cap (an index range, so cheap per insert). */
  #capRejected(newest: number): void {
    const edge = this.#db
      .prepare('SELECT seq FROM webhook_inbox WHERE rejected = 1 AND seq <= ? ORDER BY seq DESC LIMIT 1 OFFSET ?')
      .get(newest, this.#maxRejected) as { seq: number } | undefined;
    if (edge) this.#db.prepare('DELETE FROM webhook_inbox WHERE rejected = 1 AND seq <= ?').run(edge.seq);
  }

  /** Records the outcome of the effect; `pending` rows left by a crash are resumed at start. */
  finish(seq: number, state: 'done' | 'failed', error?: string): void {
    this.#db.prepare('UPDATE webhook_inbox SET state = ?, processed_at = ?, error = ? WHERE seq = ?').run(state, new Date().toISOString(), error ?? null, seq);
  }

  pending(): PendingDelivery[] {
    const rows = this.#db
      .prepare("SELECT seq, profile_id, event_id, type, customer_id, raw_body FROM webhook_inbox WHERE state = 'pending' ORDER BY seq")
      .all() as unknown as Row[];
    return rows.map((r) => ({ seq: r.seq, profileId: r.profile_id!, eventId: r.event_id, type: r.type, customerId: r.customer_id, rawBody: Buffer.from(r.raw_body!) }));
  }

  list(f: InboxFilter): { items: InboxRecord[]; hasMore: boolean } {
    const where: string[] = [];
    const args: (string | number)[] = [];
    const add = (sql: string, v: string | number | undefined) => {
      if (v === undefined) return;
      where.push(sql);
      args.push(v);
    };
    add('type = ?', f.type);
    add('customer_id = ?', f.customerId);
    add('verdict = ?', f.verdict);
    add('received_at >= ?', f.since);
    add('received_at <= ?', f.until);
    add('seq < ?', f.beforeSeq);
    const limit = f.limit ?? 100;
    const sql = `SELECT ${ENTRY_COLS} FROM webhook_inbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
    const rows = this.#db.prepare(sql).all(...args, limit + 1) as unknown as Row[];
    return { items: rows.slice(0, limit).map(toEntry), hasMore: rows.length > limit };
  }

  entry(seq: number): InboxRecord | null {
    const r = this.#db.prepare(`SELECT ${ENTRY_COLS} FROM webhook_inbox WHERE seq = ?`).get(seq) as unknown as Row | undefined;
    return r ? toEntry(r) : null;
  }

  get(seq: number): (InboxDetail & InboxRecord & { rawBytes: Buffer; profileId: string }) | null {
    const r = this.#db.prepare(`SELECT ${ENTRY_COLS}, headers, raw_body, profile_id FROM webhook_inbox WHERE seq = ?`).get(seq) as unknown as
      | Row
      | undefined;
    if (!r) return null;
    const rawBytes = Buffer.from(r.raw_body!);
    const text = rawBytes.toString('utf8');
    return {
      ...toEntry(r),
      headers: JSON.parse(r.headers!) as Record<string, string>,
      rawBody: text.slice(0, DETAIL_BODY_CHARS),
      bodyTruncated: r.body_truncated === 1 || text.length > DETAIL_BODY_CHARS,
      rawBytes,
      profileId: r.profile_id!,
    };
  }

  /** Empties the event log; dedupe ids stay so a redelivery after a clear is still not re-applied. */
  clear(): number {
    return Number(this.#db.prepare("DELETE FROM webhook_inbox WHERE state <> 'pending'").run().changes);
  }

  prune(now = Date.now()): void {
    this.#db.prepare('DELETE FROM webhook_dedupe WHERE received_at < ?').run(new Date(now - DEDUPE_RETENTION_MS).toISOString());
    this.#db.prepare("DELETE FROM webhook_inbox WHERE received_at < ? AND state <> 'pending'").run(new Date(now - LOG_RETENTION_MS).toISOString());
  }
}
