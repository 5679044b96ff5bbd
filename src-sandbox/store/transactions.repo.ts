import type { SQLInputValue } from 'node:sqlite';
import { parseJson, type Db, type Row } from './db.ts';

export interface TxnRow {
  seq: number;
  id: string;
  /** The sending customer, or the receiving one when the money came from outside OMS. */
  customerSeq: number;
  walletSeq: number | null;
  recipientSeq: number | null;
  dstWalletSeq: number | null;
  type: string;
  status: string;
  createdAt: string;
  dueAt: number | null;
  doc: Record<string, unknown>;
}

export interface TxnFilters {
  scope?: { kind: 'customer' | 'wallet'; seq: number } | undefined;
  type?: string | undefined;
  status?: string | undefined;
  createdAfter?: string | undefined;
  createdBefore?: string | undefined;
  limit: number;
  startingAfter?: string | undefined;
  endingBefore?: string | undefined;
}

export interface TxnPage {
  data: Record<string, unknown>[];
  hasMore: boolean;
  nextCursor: string | null;
  previousCursor: string | null;
}

function toRow(r: Row): TxnRow {
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    seq: Number(r.seq),
    id: String(r.id),
    customerSeq: Number(r.customer_seq),
    walletSeq: n(r.wallet_seq),
    recipientSeq: n(r.recipient_seq),
    dstWalletSeq: n(r.dst_wallet_seq),
    type: String(r.type),
    status: String(r.status),
    createdAt: String(r.created_at),
    dueAt: n(r.due_at),
    doc: parseJson<Record<string, unknown>>(r.doc),
  };
}

export class TransactionsStore {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  insert(t: Omit<TxnRow, 'seq'>): TxnRow {
    const r = this.db
      .prepare('INSERT INTO transactions (id, customer_seq, wallet_seq, recipient_seq, dst_wallet_seq, type, status, created_at, due_at, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(t.id, t.customerSeq, t.walletSeq, t.recipientSeq, t.dstWalletSeq, t.type, t.status, t.createdAt, t.dueAt, JSON.stringify(t.doc));
    return { ...t, seq: Number(r.lastInsertRowid) };
  }

  update(t: TxnRow): void {
    this.db.prepare('UPDATE transactions SET status = ?, due_at = ?, doc = ? WHERE seq = ?').run(t.status, t.dueAt, JSON.stringify(t.doc), t.seq);
  }

  byId(id: string): TxnRow | undefined {
    const row = this.db.prepare('SELECT * FROM transactions WHERE id = ?').get(id) as Row | undefined;
    return row ? toRow(row) : undefined;
  }

  due(now: number): TxnRow[] {
    return (this.db.prepare('SELECT * FROM transactions WHERE due_at IS NOT NULL AND due_at <= ? ORDER BY due_at LIMIT 200').all(now) as Row[]).map(toRow);
  }

  nextDueAt(): number | null {
    const row = this.db.prepare('SELECT MIN(due_at) AS due FROM transactions WHERE due_at IS NOT NULL').get() as Row;
    return row.due === null ? null : Number(row.due);
  }

  seqOf(id: string): number | undefined {
    const row = this.db.prepare('SELECT seq FROM transactions WHERE id = ?').get(id) as Row | undefined;
    return row ? Number(row.seq) : undefined;
  }

  /**
   * Contract §6: newest first; `startingAfter` walks to older rows, `endingBefore` to newer ones;
   * cursors are transaction ids. createdAfter/createdBefore are inclusive.
   */
  page(f: TxnFilters, anchorSeq: number | undefined): TxnPage {
    const where: string[] = [];
    const params: SQLInputValue[] = [];
    if (f.scope?.kind === 'customer') {
      where.push('(customer_seq = ? OR recipient_seq = ?)');
      params.push(f.scope.seq, f.scope.seq);
    } else if (f.scope?.kind === 'wallet') {
      where.push('(wallet_seq = ? OR dst_wallet_seq = ?)');
      params.push(f.scope.seq, f.scope.seq);
    }
    if (f.type) {
      where.push('type = ?');
      params.push(f.type);
    }
    if (f.status) {
      where.push('status = ?');
      params.push(f.status);
    }
    if (f.createdAfter) {
      where.push('created_at >= ?');
      params.push(f.createdAfter);
    }
    if (f.createdBefore) {
      where.push('created_at <= ?');
      params.push(f.createdBefore);
    }
    const base = `FROM transactions WHERE ${where.length ? where.join(' AND ') : '1'}`;
    const backwards = f.endingBefore !== undefined;
    let rows: Row[];
    if (anchorSeq !== undefined && backwards) {
      rows = this.db.prepare(`SELECT * ${base} AND seq > ? ORDER BY seq ASC LIMIT ?`).all(...params, anchorSeq, f.limit + 1) as Row[];
    } else if (anchorSeq !== undefined) {
      rows = this.db.prepare(`SELECT * ${base} AND seq < ? ORDER BY seq DESC LIMIT ?`).all(...params, anchorSeq, f.limit + 1) as Row[];
    } else {
      rows = this.db.prepare(`SELECT * ${base} ORDER BY seq DESC LIMIT ?`).all(...params, f.limit + 1) as Row[];
    }
    const hasMore = rows.length > f.limit;
    rows = rows.slice(0, f.limit);
    if (backwards) rows.reverse();
    // The docs return both cursors on every non-empty page; `hasMore` says whether the walk goes on.
    return {
      data: rows.map((r) => Object.fromEntries(Object.entries(parseJson<Record<string, unknown>>(r.doc)).filter(([k]) => !k.startsWith('_')))),
      hasMore,
      nextCursor: rows.length ? String(rows[rows.length - 1]!.id) : null,
      previousCursor: rows.length ? String(rows[0]!.id) : null,
    };
  }
}
