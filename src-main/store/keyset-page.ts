import type { Db } from './database.ts';

/**
 * Newest-first keyset paging over a local table: filters as `(clause, value)` pairs (a value of
 * undefined or '' drops its clause), `before` as the last key seen. One query, `limit + 1` rows,
 * so `hasMore` needs no COUNT. Used by every local log the renderer pages through.
 */
export function keysetPage<Row>(
  db: Db,
  q: { select: string; from: string; key: string; before?: number | undefined; limit: number; filters: [clause: string, value: string | number | undefined][] },
): { items: Row[]; hasMore: boolean } {
  const where: string[] = [];
  const args: (string | number)[] = [];
  for (const [clause, value] of [...q.filters, [`${q.key} < ?`, q.before] as [string, number | undefined]]) {
    if (value === undefined || value === '') continue;
    where.push(clause);
    args.push(value);
  }
  const sql = `SELECT ${q.select} FROM ${q.from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${q.key} DESC LIMIT ?`;
  const rows = db.prepare(sql).all(...args, q.limit + 1) as unknown as Row[];
  return { items: rows.slice(0, q.limit).map((r) => ({ ...r })), hasMore: rows.length > q.limit };
}
