import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { OmsCustomer } from '../../oms/oms-objects.ts';
import { queryWords } from './customer-match.ts';
import { decodeEntry, prepareEntry, type DirectoryEntry, type PreparedEntry } from './directory-entry.ts';

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
  readonly #s: Record<'byId' | 'insert' | 'update' | 'ftsInsert' | 'ftsDelete' | 'endoDelete' | 'endoInsert' | 'newest', StatementSync>;
  #tiebreak = 0;
  readonly #merge: StatementSync;
  #sinceMerge = 0;
  #rows = 0;

  constructor() {
    // Memory is the budget here: a row is its key, its id and one positional JSON array (no field
    // names, no copies of fields in columns); endorsements sit in a table that is its own index.
    this.#db.exec(`
      PRAGMA journal_mode = OFF;
      CREATE TABLE c (rk INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, doc TEXT NOT NULL);
      CREATE TABLE e (name TEXT NOT NULL, status TEXT NOT NULL, rk INTEGER NOT NULL, PRIMARY KEY (name, status, rk)) WITHOUT ROWID;
      CREATE VIRTUAL TABLE f USING fts5(t, content='', contentless_delete=1, prefix='1 2 3', tokenize="unicode61 remove_diacritics 2 tokenchars '_'");
      INSERT INTO f(f, rank) VALUES('automerge', 0);
    `);
    const p = (sql: string) => this.#db.prepare(sql);
    this.#merge = p("INSERT INTO f(f, rank) VALUES('merge', 32)");
    this.#s = {
      byId: p('SELECT rk, doc FROM c WHERE id = ?'),
      insert: p('INSERT INTO c (rk, id, doc) VALUES (?, ?, ?)'),
      update: p('UPDATE c SET doc = ? WHERE rk = ?'),
      ftsInsert: p('INSERT INTO f (rowid, t) VALUES (?, ?)'),
      ftsDelete: p('DELETE FROM f WHERE rowid = ?'),
      endoDelete: p('DELETE FROM e WHERE name = ? AND status = ? AND rk = ?'),
      endoInsert: p('INSERT OR IGNORE INTO e (name, status, rk) VALUES (?, ?, ?)'),
      newest: p('SELECT id, doc FROM c ORDER BY rk LIMIT 64'),
    };
  }

  /** The in-memory database's size (pages in use × page size), for the memory budget. */
  bytes(): number {
    const pages = Number((this.#db.prepare('PRAGMA page_count').get() as { page_count: number }).page_count);
    const size = Number((this.#db.prepare('PRAGMA page_size').get() as { page_size: number }).page_size);
    return pages * size;
  }

  /** Bytes per table and index (SQLite's dbstat), largest first: what the memory figure is made of. */
  breakdown(): { name: string; bytes: number }[] {
    const rows = this.#db.prepare('SELECT name, SUM(pgsize) AS b FROM dbstat GROUP BY name ORDER BY b DESC').all() as { name: string; b: number }[];
    return rows.map((r) => ({ name: r.name, bytes: Number(r.b) }));
  }

  /** Kept in step with inserts (rows are never deleted): progress reads it once a page, and a COUNT is not free at 100k. */
  get size(): number {
    return this.#rows;
  }

  /** The creation time of the newest customer held (where a delta walk starts). */
  newestCreatedAt(): string | null {
    // Customers without a creation time sort first (as if created now): skip past them.
    for (const r of this.#s.newest.all() as unknown as Row[]) {
      const at = decode(r).createdAt;
      if (at) return at;
    }
    return null;
  }

  /** Adds or replaces customers, in one transaction. */
  upsert(customers: readonly OmsCustomer[]): void {
    this.write(customers.map(prepareEntry));
  }

  /** Adds or replaces customers already turned into rows (where the page was parsed), in one transaction. */
  write(rows: readonly PreparedEntry[]): void {
    if (rows.length === 0) return;
    const before = this.#rows;
    this.#db.exec('BEGIN');
    try {
      for (const r of rows) this.#upsertOne(r);
      // FTS5's own merging runs inside an insert and grows with the index (100 ms and more at 100k rows):
      // it is off, and every hundred customers added do a small, bounded share of the merging instead.
      this.#sinceMerge += rows.length;
      if (this.#sinceMerge >= 100) {
        this.#sinceMerge = 0;
        this.#merge.run();
      }
      this.#db.exec('COMMIT');
    } catch (e) {
      this.#db.exec('ROLLBACK');
      this.#rows = before;
      throw e;
    }
  }

  #upsertOne(e: PreparedEntry): void {
    const { doc } = e;
    const existing = this.#s.byId.get(e.id) as { rk: number; doc: string } | undefined;
    let rk: number;
    if (existing) {
      rk = Number(existing.rk);
      for (const old of decode({ id: e.id, doc: existing.doc }).endorsements) this.#s.endoDelete.run(old.name.toLowerCase(), old.status.toLowerCase(), rk);
      this.#s.update.run(doc, rk);
      this.#s.ftsDelete.run(rk);
    } else {
      rk = this.#newKey(e.createdAt);
      this.#s.insert.run(rk, e.id, doc);
      this.#rows += 1;
    }
    this.#s.ftsInsert.run(rk, e.words);
    for (let i = 0; i + 1 < e.endorsements.length; i += 2) this.#s.endoInsert.run(e.endorsements[i]!, e.endorsements[i + 1]!, rk);
  }

  /** Newest first: minus the creation time in ms, times 1024, plus a tie-breaker. */
  #newKey(createdAt: string | null): number {
    const ms = createdAt ? Date.parse(createdAt) : NaN;
    this.#tiebreak = (this.#tiebreak + 1) % 1024;
    // A customer without a creation time sorts as if created now.
    return -((Number.isFinite(ms) ? ms : Date.now()) * 1024 + this.#tiebreak);
  }

  /** Exact hits (the whole email, case aside; the whole externalId) that rank first. */
  exact(kind: 'email' | 'externalId', value: string): DirectoryEntry[] {
    const qw = queryWords(value);
    if (qw.length === 0) return [];
    const want = kind === 'email' ? value.toLowerCase() : value;
    // The index narrows to customers holding each of the value's words whole (not as a prefix: every
    // keystroke asks this, and `ma` as a prefix is half the directory); the whole value decides.
    const whole = qw.map((w) => `"${w}"`).join(' AND ');
    const rows = this.#db.prepare('SELECT c.id, c.doc FROM (SELECT rowid AS r FROM f WHERE f MATCH ? ORDER BY rowid LIMIT 2000) AS hits JOIN c ON c.rk = hits.r ORDER BY c.rk').all(whole) as unknown as Row[];
    const out: DirectoryEntry[] = [];
    for (const r of rows) {
      const e = decode(r);
      const have = kind === 'email' ? e.email?.toLowerCase() : e.externalId;
      if (have === want) out.push(e);
      if (out.length === 20) break;
    }
    return out;
  }

  get(id: string): DirectoryEntry | null {
    const row = this.#s.byId.get(id) as { doc: string } | undefined;
    return row ? decode({ id, doc: row.doc }) : null;
  }

  /**
   * Candidates for typed words, newest first, `limit` at a time from `offset` (a word is matched as a
   * prefix), narrowed to customers holding `endorsement` when given (its own index: a filter that
   * matches nobody answers at once instead of reading every row). The caller checks each one with
   * the match rule and the filters: this only narrows.
   */
  candidates(typed: readonly string[], offset: number, limit: number, endorsement?: { name: string; status: string }): DirectoryEntry[] {
    const { sql, params } = candidatesQuery(typed, endorsement);
    return (this.#db.prepare(sql).all(...params, limit, offset) as unknown as Row[]).map(decode);
  }

  /** SQLite's plan for `candidates` (EXPLAIN QUERY PLAN details), for the tests that hold it to one that stops after the page. */
  candidatesPlan(typed: readonly string[], endorsement?: { name: string; status: string }): string[] {
    const { sql, params } = candidatesQuery(typed, endorsement);
    return (this.#db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params, 1, 0) as { detail: string }[]).map((r) => r.detail);
  }

  /** Customers with an endorsement in one of the states, for the review queue. */
  withEndorsements(names: readonly string[], states: readonly string[]): DirectoryEntry[] {
    const marks = (n: number) => Array(n).fill('?').join(', ');
    const sql = `SELECT id, doc FROM c WHERE rk IN (SELECT rk FROM e WHERE name IN (${marks(names.length)}) AND status IN (${marks(states.length)}))`;
    const lower = (xs: readonly string[]) => xs.map((x) => x.toLowerCase());
    return (this.#db.prepare(sql).all(...lower(names), ...lower(states)) as unknown as Row[]).map(decode);
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }
}

interface Row {
  id: string;
  doc: string;
}

const decode = (r: Row): DirectoryEntry => decodeEntry(r.id, r.doc);

/**
 * Candidates for typed words and an endorsement filter, newest first, a page at a time (LIMIT and
 * OFFSET bound last). Each plan reads its hits in order and stops after the page: with words, FTS5
 * yields them in rowid order and an endorsement is one primary-key probe per hit; without, the
 * endorsement table's own key (name, status, rk) is in that order already. Collecting either set
 * whole first (an `IN (…)` of every customer holding `basic: active`) took 20–60 ms a keystroke at 100,000.
 */
function candidatesQuery(typed: readonly string[], endorsement?: { name: string; status: string }): { sql: string; params: SQLInputValue[] } {
  const params: SQLInputValue[] = [];
  if (typed.length > 0) params.push(ftsQuery(typed));
  if (endorsement) params.push(endorsement.name.toLowerCase(), endorsement.status.toLowerCase());
  const holds = ' AND EXISTS (SELECT 1 FROM e WHERE e.name = ? AND e.status = ? AND e.rk = f.rowid)';
  const sql =
    typed.length > 0
      ? `SELECT c.id, c.doc FROM (SELECT rowid AS r FROM f WHERE f MATCH ?${endorsement ? holds : ''} ORDER BY rowid LIMIT ? OFFSET ?) AS hits JOIN c ON c.rk = hits.r ORDER BY c.rk`
      : endorsement
        ? 'SELECT c.id, c.doc FROM e JOIN c ON c.rk = e.rk WHERE e.name = ? AND e.status = ? ORDER BY e.rk LIMIT ? OFFSET ?'
        : 'SELECT c.id, c.doc FROM c ORDER BY c.rk LIMIT ? OFFSET ?';
  return { sql, params };
}

/** Words hold only letters, digits and `_` (customer-match `words`), so quoting them is safe. */
function ftsQuery(typed: readonly string[]): string {
  return typed.map((w) => `"${w}"*`).join(' AND ');
}
