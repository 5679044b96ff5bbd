import type { Db } from '../store/db.ts';

type Value = string | number | bigint | null;

/**
 * Collects rows for one table and writes them as multi-row INSERTs, `rowsPerStatement` at a time.
 * One call into SQLite per statement instead of per row: seeding writes ~15 rows per customer,
 * and crossing from JS into node:sqlite for each one was most of a first start's seeding time.
 * Statements come from db.prepare, which caches by SQL text, so each batch size is parsed once.
 */
export class BulkInsert {
  readonly #db: Db;
  readonly #head: string;
  readonly #tuple: string;
  readonly #width: number;
  readonly #rowsPerStatement: number;
  #pending: Value[] = [];

  constructor(db: Db, head: string, tuple: string, rowsPerStatement = 100) {
    this.#db = db;
    this.#head = head;
    this.#tuple = tuple;
    this.#width = tuple.split('?').length - 1;
    // SQLite caps bound parameters at 32,766; stay well under it whatever the row width.
    this.#rowsPerStatement = Math.max(1, Math.min(rowsPerStatement, Math.floor(30_000 / this.#width)));
  }

  add(...row: Value[]): void {
    if (row.length !== this.#width) throw new Error(`${this.#head}: ${row.length} values for ${this.#width} columns`);
    for (const v of row) this.#pending.push(v);
    if (this.#pending.length >= this.#rowsPerStatement * this.#width) this.flush();
  }

  flush(): void {
    const rows = this.#pending.length / this.#width;
    if (rows === 0) return;
    const sql = `${this.#head} VALUES ${Array.from({ length: rows }, () => this.#tuple).join(', ')}`;
    this.#db.prepare(sql).run(...this.#pending);
    this.#pending = [];
  }
}
