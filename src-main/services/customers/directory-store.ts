import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { OmsCustomer } from '../../oms/oms-objects.ts';
import { fieldWords, type MatchFields } from './customer-match.ts';
import { endorsementHead } from './customer-view.ts';

/** One customer as the directory keeps it: what search, the rows and the review queue need. */
export interface DirectoryEntry extends MatchFields {
  status: string;
  createdAt: string | null;
  updatedAt: string | null;
  endorsements: { name: string; status: string; updatedAt: string | null }[];
  walletIds: string[];
}

/**
 * The directory's storage: an in-memory SQLite database (never a file: it holds emails and phones)
 * with an FTS5 index over every field's words. SQLite's FTS5 gives prefix and multi-word matching
 * and diacritic folding from a well-kept engine the project already ships (node:sqlite), in far
 * less memory than a JavaScript index of the same rows.
 *
 * Rows are keyed by `rk`, the negated creation time, so FTS5's rowid order is newest first and
 * `ORDER BY rowid LIMIT n` stops after n hits instead of sorting every match.
 */
export class DirectoryStore {
  readonly #db = new DatabaseSync(':memory:');
  readonly #s: Record<'byId' | 'insert' | 'update' | 'ftsInsert' | 'ftsDelete' | 'endoDelete' | 'endoInsert' | 'docs' | 'count' | 'byEmail' | 'byExternalId' | 'newest', StatementSync>;
  #tiebreak = 0;
  readonly #merge: StatementSync;

  constructor() {
    this.#db.exec(`
      PRAGMA journal_mode = OFF;
      CREATE TABLE c (rk INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, created_at TEXT, status TEXT, email_l TEXT, external_id TEXT, doc TEXT NOT NULL);
      CREATE INDEX c_email ON c(email_l);
      CREATE INDEX c_ext ON c(external_id);
      CREATE TABLE e (rk INTEGER NOT NULL, name TEXT NOT NULL, status TEXT NOT NULL, updated_at TEXT);
      CREATE INDEX e_rk ON e(rk);
      CREATE INDEX e_ns ON e(name, status);
      CREATE VIRTUAL TABLE f USING fts5(t, content='', contentless_delete=1, prefix='2', tokenize="unicode61 remove_diacritics 2 tokenchars '_'");
      INSERT INTO f(f, rank) VALUES('automerge', 0);
    `);
    const p = (sql: string) => this.#db.prepare(sql);
    this.#merge = p("INSERT INTO f(f, rank) VALUES('merge', 32)");
    this.#s = {
      byId: p('SELECT rk, doc FROM c WHERE id = ?'),
      insert: p('INSERT INTO c (rk, id, created_at, status, email_l, external_id, doc) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      update: p('UPDATE c SET status = ?, email_l = ?, external_id = ?, doc = ? WHERE rk = ?'),
      ftsInsert: p('INSERT INTO f (rowid, t) VALUES (?, ?)'),
      ftsDelete: p('DELETE FROM f WHERE rowid = ?'),
      endoDelete: p('DELETE FROM e WHERE rk = ?'),
      endoInsert: p('INSERT INTO e (rk, name, status, updated_at) VALUES (?, ?, ?, ?)'),
      docs: p('SELECT rk, doc FROM c WHERE rk >= ? ORDER BY rk LIMIT ?'),
      count: p('SELECT COUNT(*) AS n FROM c'),
      byEmail: p('SELECT doc FROM c WHERE email_l = ? ORDER BY rk LIMIT 20'),
      byExternalId: p('SELECT doc FROM c WHERE external_id = ? ORDER BY rk LIMIT 20'),
      newest: p('SELECT created_at FROM c WHERE created_at IS NOT NULL ORDER BY rk LIMIT 1'),
    };
  }

  /** The in-memory database's size (pages in use × page size), for the memory budget. */
  bytes(): number {
    const pages = Number((this.#db.prepare('PRAGMA page_count').get() as { page_count: number }).page_count);
    const size = Number((this.#db.prepare('PRAGMA page_size').get() as { page_size: number }).page_size);
    return pages * size;
  }

  get size(): number {
    return Number((this.#s.count.get() as { n: number }).n);
  }

  /** The creation time of the newest customer held (where a delta walk starts). */
  newestCreatedAt(): string | null {
    return ((this.#s.newest.get() as { created_at: string } | undefined)?.created_at as string | undefined) ?? null;
  }

  /** Adds or replaces customers, in one transaction. */
  upsert(customers: readonly OmsCustomer[]): void {
    if (customers.length === 0) return;
    this.#db.exec('BEGIN');
    try {
      for (const c of customers) this.#upsertOne(toEntry(c));
      // FTS5's own merging runs inside an insert and grows with the index (100 ms and more at 100k rows):
      // it is off, and each batch does a small, bounded share of the merging instead.
      this.#merge.run();
      this.#db.exec('COMMIT');
    } catch (e) {
      this.#db.exec('ROLLBACK');
      throw e;
    }
  }

  #upsertOne(e: DirectoryEntry): void {
    const doc = JSON.stringify(e);
    const email = e.email ? e.email.toLowerCase() : null;
    const existing = this.#s.byId.get(e.id) as { rk: number } | undefined;
    let rk: number;
    if (existing) {
      rk = Number(existing.rk);
      this.#s.update.run(e.status, email, e.externalId ?? null, doc, rk);
      this.#s.ftsDelete.run(rk);
      this.#s.endoDelete.run(rk);
    } else {
      rk = this.#newKey(e.createdAt);
      this.#s.insert.run(rk, e.id, e.createdAt, e.status, email, e.externalId ?? null, doc);
    }
    this.#s.ftsInsert.run(rk, fieldWords(e).flatMap(([, ws]) => ws).join(' '));
    for (const en of e.endorsements) this.#s.endoInsert.run(rk, en.name, en.status, en.updatedAt);
  }

  /** Newest first: minus the creation time in ms, times 1024, plus a tie-breaker. */
  #newKey(createdAt: string | null): number {
    const ms = createdAt ? Date.parse(createdAt) : NaN;
    this.#tiebreak = (this.#tiebreak + 1) % 1024;
    // A customer without a creation time sorts as if created now.
    return -((Number.isFinite(ms) ? ms : Date.now()) * 1024 + this.#tiebreak);
  }

  /** Exact hits (the whole email, the externalId) that rank first. */
  exact(kind: 'email' | 'externalId', value: string): DirectoryEntry[] {
    const rows = (kind === 'email' ? this.#s.byEmail.all(value.toLowerCase()) : this.#s.byExternalId.all(value)) as { doc: string }[];
    return rows.map((r) => JSON.parse(r.doc) as DirectoryEntry);
  }

  get(id: string): DirectoryEntry | null {
    const row = this.#s.byId.get(id) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as DirectoryEntry) : null;
  }

  /**
   * Candidates for typed words, newest first, `limit` at a time from `offset` (a word is matched as a
   * prefix). The caller checks each one with the match rule: FTS5 only narrows.
   */
  candidates(queryWords: readonly string[], offset: number, limit: number): DirectoryEntry[] {
    const sql =
      queryWords.length === 0
        ? 'SELECT doc FROM c ORDER BY rk LIMIT ? OFFSET ?'
        : 'SELECT c.doc FROM (SELECT rowid AS r FROM f WHERE f MATCH ? ORDER BY rowid LIMIT ? OFFSET ?) AS hits JOIN c ON c.rk = hits.r ORDER BY c.rk';
    const params: SQLInputValue[] = queryWords.length === 0 ? [limit, offset] : [ftsQuery(queryWords), limit, offset];
    return (this.#db.prepare(sql).all(...params) as { doc: string }[]).map((r) => JSON.parse(r.doc) as DirectoryEntry);
  }

  /** Customers with an endorsement in one of the states, for the review queue. */
  withEndorsements(names: readonly string[], states: readonly string[]): DirectoryEntry[] {
    const marks = (n: number) => Array(n).fill('?').join(', ');
    const sql = `SELECT doc FROM c WHERE rk IN (SELECT rk FROM e WHERE name IN (${marks(names.length)}) AND status IN (${marks(states.length)}))`;
    return (this.#db.prepare(sql).all(...names, ...states) as { doc: string }[]).map((r) => JSON.parse(r.doc) as DirectoryEntry);
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }
}

/** Words hold only letters, digits and `_` (customer-match `words`), so quoting them is safe. */
function ftsQuery(queryWords: readonly string[]): string {
  return queryWords.map((w) => `"${w}"*`).join(' AND ');
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.length ? v : null);

export function toEntry(c: OmsCustomer): DirectoryEntry {
  const endorsements = (c.endorsements ?? []).map((e, i) => ({ ...endorsementHead(e, i), updatedAt: typeof e === 'string' ? null : str(e.updatedAt) }));
  return {
    id: c.id,
    firstName: str(c.firstName),
    middleName: str(c.middleName),
    lastName: str(c.lastName),
    email: str(c.email),
    phone: str(c.phone),
    externalId: str(c.externalId),
    status: str(c.status) ?? 'unknown',
    createdAt: str(c.createdAt),
    updatedAt: str(c.updatedAt),
    endorsements,
    walletIds: (c.wallets ?? []).map((w) => w.id),
  };
}
