import type { EndorsementName, EndorsementRecord, EndorsementStatus, ReviewState } from '../types.ts';
import { ENDORSEMENT_NAMES } from '../types.ts';
import { parseJson, type Db, type Row } from './db.ts';

function toRecord(row: Row): EndorsementRecord {
  return {
    customerSeq: Number(row.customer_seq),
    name: row.name as EndorsementName,
    status: row.status as EndorsementStatus,
    requirements: parseJson(row.requirements),
    rejectionReasons: parseJson(row.rejection_reasons),
    reviewState: (row.review_state ?? null) as ReviewState | null,
    reviewDueAt: row.review_due_at === null ? null : Number(row.review_due_at),
    updatedAt: String(row.updated_at),
  };
}

const ORDER = (a: EndorsementRecord, b: EndorsementRecord) => ENDORSEMENT_NAMES.indexOf(a.name) - ENDORSEMENT_NAMES.indexOf(b.name);

export class EndorsementsStore {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  forCustomer(seq: number): EndorsementRecord[] {
    return (this.db.prepare('SELECT * FROM endorsements WHERE customer_seq = ?').all(seq) as Row[]).map(toRecord).sort(ORDER);
  }

  forCustomers(seqs: number[]): Map<number, EndorsementRecord[]> {
    const out = new Map<number, EndorsementRecord[]>();
    if (!seqs.length) return out;
    const rows = this.db
      .prepare(`SELECT * FROM endorsements WHERE customer_seq IN (${seqs.map(() => '?').join(',')})`)
      .all(...seqs) as Row[];
    for (const r of rows.map(toRecord)) out.set(r.customerSeq, [...(out.get(r.customerSeq) ?? []), r]);
    for (const list of out.values()) list.sort(ORDER);
    return out;
  }

  save(r: EndorsementRecord): void {
    this.db
      .prepare(
        `INSERT INTO endorsements (customer_seq, name, status, requirements, rejection_reasons, review_state, review_due_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(customer_seq, name) DO UPDATE SET status = excluded.status, requirements = excluded.requirements,
           rejection_reasons = excluded.rejection_reasons, review_state = excluded.review_state,
           review_due_at = excluded.review_due_at, updated_at = excluded.updated_at`,
      )
      .run(r.customerSeq, r.name, r.status, JSON.stringify(r.requirements), JSON.stringify(r.rejectionReasons), r.reviewState, r.reviewDueAt, r.updatedAt);
  }

  /** Customers with an automated review due at or before `now`. */
  dueCustomerSeqs(now: number, limit = 200): number[] {
    const rows = this.db
      .prepare('SELECT DISTINCT customer_seq FROM endorsements WHERE review_due_at IS NOT NULL AND review_due_at <= ? LIMIT ?')
      .all(now, limit) as Row[];
    return rows.map((r) => Number(r.customer_seq));
  }

  nextDueAt(): number | null {
    const row = this.db.prepare('SELECT MIN(review_due_at) AS due FROM endorsements WHERE review_due_at IS NOT NULL').get() as Row;
    return row.due === null ? null : Number(row.due);
  }

  /** Reviews waiting for a human decision (manual mode, magic "Review", seeded reviews). */
  countAwaiting(): number {
    return Number((this.db.prepare("SELECT COUNT(*) AS n FROM endorsements WHERE status = 'pending' AND review_state = 'awaiting'").get() as Row).n);
  }

  customerSeqsAwaiting(): number[] {
    const rows = this.db.prepare("SELECT DISTINCT customer_seq FROM endorsements WHERE status = 'pending' AND review_state = 'awaiting'").all() as Row[];
    return rows.map((r) => Number(r.customer_seq));
  }
}
