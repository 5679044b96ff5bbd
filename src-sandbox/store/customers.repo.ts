import type { CustomerDoc, StoredCustomer } from '../types.ts';
import { indexCustomer } from './customer-terms.ts';
import { parseJson, type Db, type Row } from './db.ts';

export class CustomersStore {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  insert(doc: CustomerDoc): number {
    const r = this.db
      .prepare('INSERT INTO customers (id, email_lower, external_id, status, created_at, doc) VALUES (?, ?, ?, ?, ?, ?)')
      .run(doc.id, doc.email?.toLowerCase() ?? null, doc.externalId, doc.status, doc.createdAt, JSON.stringify(doc));
    const seq = Number(r.lastInsertRowid);
    this.index(seq, doc);
    return seq;
  }

  update(seq: number, doc: CustomerDoc): void {
    this.db
      .prepare('UPDATE customers SET email_lower = ?, external_id = ?, status = ?, doc = ? WHERE seq = ?')
      .run(doc.email?.toLowerCase() ?? null, doc.externalId, doc.status, JSON.stringify(doc), seq);
    this.db.prepare('DELETE FROM customer_terms WHERE customer_seq = ?').run(seq);
    this.index(seq, doc);
  }

  private index(seq: number, doc: CustomerDoc): void {
    const walletIds = (this.db.prepare('SELECT id FROM wallets WHERE customer_seq = ?').all(seq) as Row[]).map((r) => String(r.id));
    indexCustomer(this.db, seq, doc, walletIds);
  }

  byId(id: string): StoredCustomer | undefined {
    const row = this.db.prepare('SELECT seq, doc FROM customers WHERE id = ?').get(id) as Row | undefined;
    return row ? toStored(row) : undefined;
  }

  bySeq(seq: number): StoredCustomer | undefined {
    const row = this.db.prepare('SELECT seq, doc FROM customers WHERE seq = ?').get(seq) as Row | undefined;
    return row ? toStored(row) : undefined;
  }

  count(): number {
    return Number((this.db.prepare('SELECT COUNT(*) AS n FROM customers').get() as Row).n);
  }
}

export function toStored(row: Row): StoredCustomer {
  return { seq: Number(row.seq), doc: parseJson<CustomerDoc>(row.doc) };
}
