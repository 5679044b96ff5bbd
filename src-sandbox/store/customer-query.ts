import type { SQLInputValue } from 'node:sqlite';

export interface CustomerFilters {
  status?: string | undefined;
  email?: string | undefined;
  externalId?: string | undefined;
  createdAfter?: string | undefined;
  createdBefore?: string | undefined;
  q?: string | undefined;
  endorsement?: { name: string; status: string } | undefined;
  beforeSeq?: number | undefined;
  limit: number;
}

// The largest code point: `term < prefix || MAX` bounds a prefix as an index range, no LIKE scan.
const MAX_CHAR = '\u{10FFFF}';

/**
 * Quotes a fragment for FTS5 MATCH so user input can never be read as query syntax. Control
 * characters go first: SQLite reads a NUL as the end of the query string, which left an unterminated
 * phrase (a 500). No stored email contains one, so dropping them changes no match.
 */
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/g;
function ftsPhrase(text: string): string {
  return `"${text.replace(CONTROL_CHARS, '').replace(/"/g, '""')}"`;
}

/**
 * Builds the customer list query. Every filter is either an index lookup or a `seq IN (…)` driven by an
 * index, so the plan never scans customers (asserted with EXPLAIN QUERY PLAN in the unit tests).
 * Fetches limit+1 rows to learn `hasMore` without a COUNT.
 */
export function buildCustomerListQuery(f: CustomerFilters): { sql: string; params: SQLInputValue[] } {
  const where: string[] = [];
  const params: SQLInputValue[] = [];
  if (f.q) {
    const q = f.q.trim().toLowerCase();
    const parts = ['SELECT customer_seq FROM customer_terms WHERE term >= ? AND term < ?'];
    params.push(q, q + MAX_CHAR);
    // Trigram needs 3+ characters; shorter fragments are covered by the prefix terms.
    if ([...q.replace(CONTROL_CHARS, '')].length >= 3) {
      parts.push('SELECT rowid FROM customer_email_trgm WHERE customer_email_trgm MATCH ?');
      params.push(ftsPhrase(q));
    }
    // A pasted wallet id finds its owner: an exact lookup on the wallets' unique id index.
    if (/^wlt_[a-z0-9]+$/.test(q)) {
      parts.push('SELECT customer_seq FROM wallets WHERE id = ?');
      params.push(q);
    }
    where.push(`c.seq IN (${parts.join(' UNION ')})`);
  }
  if (f.endorsement) {
    where.push('c.seq IN (SELECT customer_seq FROM endorsements WHERE name = ? AND status = ?)');
    params.push(f.endorsement.name, f.endorsement.status);
  }
  if (f.email) {
    where.push('c.email_lower = ?');
    params.push(f.email.toLowerCase());
  }
  if (f.externalId) {
    where.push('c.external_id = ?');
    params.push(f.externalId);
  }
  if (f.status) {
    where.push('c.status = ?');
    params.push(f.status);
  }
  if (f.createdAfter) {
    where.push('c.created_at > ?');
    params.push(f.createdAfter);
  }
  if (f.createdBefore) {
    where.push('c.created_at < ?');
    params.push(f.createdBefore);
  }
  if (f.beforeSeq !== undefined) {
    where.push('c.seq < ?');
    params.push(f.beforeSeq);
  }
  const sql = `SELECT c.seq, c.doc FROM customers c${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY c.seq DESC LIMIT ?`;
  params.push(f.limit + 1);
  return { sql, params };
}
