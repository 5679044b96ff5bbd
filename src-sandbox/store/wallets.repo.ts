import type { WalletRecord } from '../types.ts';
import { walletTerms } from './customer-terms.ts';
import { type Db, type Row } from './db.ts';

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
    balanceUnits: BigInt(String(row.balance_units)),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
  };
}

export class WalletsStore {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  insert(w: Omit<WalletRecord, 'seq'>): WalletRecord {
    const r = this.db
      .prepare(
        'INSERT INTO wallets (id, customer_seq, asset, chain, address, status, type, balance_units, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(w.id, w.customerSeq, w.asset, w.chain, w.address, w.status, w.type, w.balanceUnits.toString(), w.createdAt, w.updatedAt);
    // A wallet id is a word the owner is found by (`q`): its term joins the owner's.
    const term = this.db.prepare('INSERT INTO customer_terms (term, customer_seq) VALUES (?, ?)');
    for (const t of walletTerms(w.id)) term.run(t, w.customerSeq);
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

  byAddress(network: string, address: string): WalletRecord | undefined {
    const row = this.db.prepare('SELECT * FROM wallets WHERE address = ? AND chain = ?').get(address, network) as Row | undefined;
    return row ? toWallet(row) : undefined;
  }

  bySeq(seq: number): WalletRecord | undefined {
    const row = this.db.prepare('SELECT * FROM wallets WHERE seq = ?').get(seq) as Row | undefined;
    return row ? toWallet(row) : undefined;
  }

  /**
   * Moves a balance by `delta` base units. Callers run inside the request's write transaction
   * (BEGIN IMMEDIATE), so read-check-write cannot interleave with another request: no overdraft.
   */
  addBalance(seq: number, delta: bigint, nowIso: string): bigint {
    const row = this.db.prepare('SELECT balance_units FROM wallets WHERE seq = ?').get(seq) as Row;
    const next = BigInt(String(row.balance_units)) + delta;
    if (next < 0n) throw new Error(`wallet ${seq} would go negative`);
    this.db.prepare('UPDATE wallets SET balance_units = ?, updated_at = ? WHERE seq = ?').run(next.toString(), nowIso, seq);
    return next;
  }
}
