import type { SQLInputValue } from 'node:sqlite';
import type { WalletRecord } from '../types.ts';
import { parseJson, type Db, type Row } from './db.ts';

function toWallet(row: Row): WalletRecord {
  return {
    seq: Number(row.seq),
    id: String(row.id),
    customerSeq: Number(row.customer_seq),
    asset: String(row.asset),
    chain: String(row.chain),
    address: String(row.address),
    status: String(row.status),
    type: String(row.type),
    balanceMicros: Number(row.balance_micros),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
  };
}

export interface TxnPage {
  data: Record<string, unknown>[];
  hasMore: boolean;
  nextCursor: string | null;
  previousCursor: string | null;
}

export class WalletsStore {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  insert(w: Omit<WalletRecord, 'seq'>): WalletRecord {
    const r = this.db
      .prepare(
        'INSERT INTO wallets (id, customer_seq, asset, chain, address, status, type, balance_micros, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(w.id, w.customerSeq, w.asset, w.chain, w.address, w.status, w.type, w.balanceMicros, w.createdAt, w.updatedAt);
    return { ...w, seq: Number(r.lastInsertRowid) };
  }

  byId(id: string): WalletRecord | undefined {
    const row = this.db.prepare('SELECT * FROM wallets WHERE id = ?').get(id) as Row | undefined;
    return row ? toWallet(row) : undefined;
  }

  find(customerSeq: number, asset: string, chain: string): WalletRecord | undefined {
    const row = this.db.prepare('SELECT * FROM wallets WHERE customer_seq = ? AND asset = ? AND chain = ?').get(customerSeq, asset, chain) as Row | undefined;
    return row ? toWallet(row) : undefined;
  }

  forCustomers(seqs: number[]): Map<number, WalletRecord[]> {
    const out = new Map<number, WalletRecord[]>();
    if (!seqs.length) return out;
    const rows = this.db.prepare(`SELECT * FROM wallets WHERE customer_seq IN (${seqs.map(() => '?').join(',')}) ORDER BY seq`).all(...seqs) as Row[];
    for (const w of rows.map(toWallet)) out.set(w.customerSeq, [...(out.get(w.customerSeq) ?? []), w]);
    return out;
  }

  /** Customer-style page: oldest first by creation, `limit+1` rows to learn hasMore. */
  page(customerSeq: number, afterSeq: number, limit: number): WalletRecord[] {
    return (this.db.prepare('SELECT * FROM wallets WHERE customer_seq = ? AND seq > ? ORDER BY seq LIMIT ?').all(customerSeq, afterSeq, limit + 1) as Row[]).map(toWallet);
  }

  addBalance(seq: number, micros: number, nowIso: string): void {
    this.db.prepare('UPDATE wallets SET balance_micros = balance_micros + ?, updated_at = ? WHERE seq = ?').run(micros, nowIso, seq);
  }

  insertTransaction(t: { id: string; customerSeq: number; walletSeq: number | null; createdAt: string; doc: Record<string, unknown> }): void {
    this.db
      .prepare('INSERT INTO transactions (id, customer_seq, wallet_seq, created_at, doc) VALUES (?, ?, ?, ?, ?)')
      .run(t.id, t.customerSeq, t.walletSeq, t.createdAt, JSON.stringify(t.doc));
  }

  /**
   * Transactions-style page (contract §2): newest first; `startingAfter` walks to older rows,
   * `endingBefore` to newer ones. Cursors are transaction ids.
   */
  transactionPage(
    scope: { column: 'wallet_seq' | 'customer_seq'; seq: number },
    opts: { limit: number; startingAfter?: string | undefined; endingBefore?: string | undefined },
    cursorSeq: (id: string) => number | undefined,
  ): TxnPage {
    const base = `FROM transactions WHERE ${scope.column} = ?`;
    const params: SQLInputValue[] = [scope.seq];
    let rows: Row[];
    const anchorId = opts.startingAfter ?? opts.endingBefore;
    const anchor = anchorId === undefined ? undefined : cursorSeq(anchorId);
    if (anchorId !== undefined && anchor === undefined) return { data: [], hasMore: false, nextCursor: null, previousCursor: null };
    const backwards = opts.endingBefore !== undefined;
    if (backwards) {
      rows = this.db.prepare(`SELECT seq, id, doc ${base} AND seq > ? ORDER BY seq ASC LIMIT ?`).all(...params, anchor!, opts.limit + 1) as Row[];
    } else if (anchor !== undefined) {
      rows = this.db.prepare(`SELECT seq, id, doc ${base} AND seq < ? ORDER BY seq DESC LIMIT ?`).all(...params, anchor, opts.limit + 1) as Row[];
    } else {
      rows = this.db.prepare(`SELECT seq, id, doc ${base} ORDER BY seq DESC LIMIT ?`).all(...params, opts.limit + 1) as Row[];
    }
    const hasMore = rows.length > opts.limit;
    rows = rows.slice(0, opts.limit);
    if (backwards) rows.reverse();
    const first = rows[0];
    const last = rows[rows.length - 1];
    const exists = (sql: string, seq: number) => this.db.prepare(`SELECT 1 ${base} AND ${sql} LIMIT 1`).get(...params, seq) !== undefined;
    const newerExists = first !== undefined && exists('seq > ?', Number(first.seq));
    const olderExists = last !== undefined && exists('seq < ?', Number(last.seq));
    return {
      data: rows.map((r) => parseJson<Record<string, unknown>>(r.doc)),
      hasMore,
      nextCursor: olderExists && last ? String(last.id) : null,
      previousCursor: newerExists && first ? String(first.id) : null,
    };
  }

  transactionSeq(id: string): number | undefined {
    const row = this.db.prepare('SELECT seq FROM transactions WHERE id = ?').get(id) as Row | undefined;
    return row ? Number(row.seq) : undefined;
  }
}
