import type { CustomerDoc, StoredCustomer } from '../types.ts';
import { parseJson, type Db, type Row } from './db.ts';

/** Lowercased prefix terms for `q`: each one is range-scanned on the customer_terms index. */
export function searchTerms(doc: CustomerDoc): string[] {
  const terms = new Set<string>();
  const add = (v: string | null | undefined) => {
    const t = v?.trim().toLowerCase();
    if (t) terms.add(t);
  };
  add(doc.firstName);
  add(doc.lastName);
  add(doc.middleName);
  add([doc.firstName, doc.lastName].filter(Boolean).join(' '));
  add([doc.firstName, doc.middleName, doc.lastName].filter(Boolean).join(' '));
  add(doc.email);
  add(doc.phone);
  add(doc.phone?.replace(/^\+/, ''));
  add(doc.externalId);
  add(doc.id);
  return [...terms];
}

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
    this.db.prepare('DELETE FROM customer_email_trgm WHERE rowid = ?').run(seq);
    this.index(seq, doc);
  }

  private index(seq: number, doc: CustomerDoc): void {
    const term = this.db.prepare('INSERT INTO customer_terms (term, customer_seq) VALUES (?, ?)');
    for (const t of searchTerms(doc)) term.run(t, seq);
    if (doc.email) this.db.prepare('INSERT INTO customer_email_trgm (rowid, email) VALUES (?, ?)').run(seq, doc.email);
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
