import type { SQLInputValue } from 'node:sqlite';
import { queryWords } from '#shared/text/customer-words.ts';
import type { Db, Row } from './db.ts';

export interface CustomerFilters {
  status?: string | undefined;
  email?: string | undefined;
  externalId?: string | undefined;
  createdAfter?: string | undefined;
  createdBefore?: string | undefined;
  q?: string | undefined;
  /** How q's words match a customer's words (the sandbox's search setting); word starts unless set. */
  qMatch?: QMatch | undefined;
  endorsement?: { name: string; status: string } | undefined;
  beforeSeq?: number | undefined;
  /** Inclusive lower bound on seq: set only by the windowed scan in `listCustomerRows`. */
  minSeq?: number | undefined;
  limit: number;
}

/**
 * `wordStart`: every word of q starts a word of the customer's (the console's rule, the default).
 * `substring`: every word of q appears inside one of them, a looser match kept as a test aid for
 * clients that must cope with an OMS whose text search is broader than their own rule.
 */
export type QMatch = 'wordStart' | 'substring';

/** Capped match counts, measured before planning; a count at its cap means "at least this many". */
export interface Estimates {
  /** Term hits of q's rarest word (its set drives a qSet plan). */
  q: number;
  endorsement: number;
  /** Which of q's words is that rarest one (the first when not measured). */
  qDriver?: number | undefined;
}

/**
 * How a page of customers is found, newest first:
 * - `selective`: an exact email/externalId narrows to a handful of rows through its index.
 * - `qSet`: few customers hold q's rarest word — collect them through the term index, sort, probe
 *   them for q's other words and the remaining filters.
 * - `endorsementIndex`: walk `endorsements(name,status,customer_seq)` backwards, already in page
 *   order, probing q's words per row; stops at the page size.
 * - `scan`: q (if any) and the endorsement are both common: walk customers backwards by primary key
 *   and probe each row; dense matches fill a page within a few hundred rows.
 * The old single plan materialised every match of every filter (70k ids for `basic:active`) before
 * taking 21 rows; no strategy touches more than about CAP rows.
 */
export type Strategy = 'selective' | 'qSet' | 'endorsementIndex' | 'scan';

/** Below this many term hits (of q's rarest word) a q set is cheap to collect and sort. */
export const Q_CAP = 2000;
/** Below this many endorsement rows, walking that index (probing q) beats walking customers. */
export const E_CAP = 10_000;

// The largest code point: `term < prefix || MAX` bounds a prefix as an index range, no LIKE scan.
const MAX_CHAR = '\u{10FFFF}';

/**
 * q's words, split and folded as the console's rule splits them (undefined: no text filter). A q with
 * no letters or digits has no words and filters nothing, as the rule matches every customer then.
 */
function qWords(f: CustomerFilters): string[] | undefined {
  if (f.q === undefined) return undefined;
  const ws = queryWords(f.q);
  return ws.length ? ws : undefined;
}

const loose = (f: CustomerFilters) => f.qMatch === 'substring';

/** Counts matches up to the caps (index range counts with LIMIT: a fraction of a millisecond). */
export function estimate(db: Db, f: CustomerFilters): Estimates {
  const count = (sql: string, ...params: SQLInputValue[]) => Number((db.prepare(`SELECT COUNT(*) AS n FROM (${sql})`).get(...params) as Row).n);
  const ws = qWords(f);
  let qn = 0;
  let qDriver = 0;
  // A substring match has no index range to count: it is planned as common, a probing walk.
  if (ws && loose(f)) qn = Q_CAP;
  else if (ws) {
    qn = Q_CAP;
    for (let i = 0; i < ws.length && qn > 0; i++) {
      const n = count('SELECT 1 FROM customer_terms WHERE term >= ? AND term < ? LIMIT ?', ws[i]!, ws[i]! + MAX_CHAR, Q_CAP);
      if (n < qn) [qn, qDriver] = [n, i];
    }
  }
  // The endorsement count only matters when q is common (see chooseStrategy); skip the index walk otherwise.
  const needE = f.endorsement && ws && qn >= Q_CAP && !f.email && !f.externalId;
  const en = needE ? count('SELECT 1 FROM endorsements WHERE name = ? AND status = ? LIMIT ?', f.endorsement!.name, f.endorsement!.status, E_CAP) : 0;
  return { q: Math.min(qn, Q_CAP), endorsement: en, qDriver };
}

export function chooseStrategy(f: CustomerFilters, est: Estimates): Strategy {
  if (f.email || f.externalId) return 'selective';
  const q = qWords(f);
  if (q && est.q < Q_CAP && !loose(f)) return 'qSet';
  if (f.endorsement && (!q || est.endorsement < E_CAP)) return 'endorsementIndex';
  return 'scan';
}

/**
 * Builds the customer list query for the chosen strategy. Fetches limit+1 rows to learn `hasMore`
 * without a COUNT. Plans are asserted with EXPLAIN QUERY PLAN in the unit tests.
 */
export function buildCustomerListQuery(f: CustomerFilters, est: Estimates = { q: 0, endorsement: 0 }): { sql: string; params: SQLInputValue[]; strategy: Strategy } {
  const strategy = chooseStrategy(f, est);
  const where: string[] = [];
  const params: SQLInputValue[] = [];
  const ws = qWords(f) ?? [];
  const driveByEndorsement = strategy === 'endorsementIndex';
  let probed = ws;
  if (ws.length && strategy === 'qSet') {
    // The rarest word's customers (an index range, deduplicated by IN), each probed for the other words
    // inside the set, on the term indexes alone: probing after the customer row was read made
    // `mary smith` read 1,600 customer rows for 19 matches (~3.5x slower at 100,000).
    const driver = Math.min(est.qDriver ?? 0, ws.length - 1);
    const others = ws.filter((_, i) => i !== driver);
    const inner = ['a.term >= ?', 'a.term < ?', ...others.map(() => 'EXISTS (SELECT 1 FROM customer_terms t WHERE t.customer_seq = a.customer_seq AND t.term >= ? AND t.term < ?)')];
    where.push(`c.seq IN (SELECT a.customer_seq FROM customer_terms a WHERE ${inner.join(' AND ')})`);
    params.push(ws[driver]!, ws[driver]! + MAX_CHAR, ...others.flatMap((w) => [w, w + MAX_CHAR]));
    probed = [];
  }
  for (const w of probed) {
    // One probe per word on the customer's own terms (covering index on customer_seq, term).
    if (loose(f)) {
      where.push('EXISTS (SELECT 1 FROM customer_terms t WHERE t.customer_seq = c.seq AND instr(t.term, ?) > 0)');
      params.push(w);
    } else {
      where.push('EXISTS (SELECT 1 FROM customer_terms t WHERE t.customer_seq = c.seq AND t.term >= ? AND t.term < ?)');
      params.push(w, w + MAX_CHAR);
    }
  }
  if (f.endorsement && !driveByEndorsement) {
    // A primary-key probe per candidate row, never the full list of matching ids.
    where.push('EXISTS (SELECT 1 FROM endorsements e WHERE e.customer_seq = c.seq AND e.name = ? AND e.status = ?)');
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
  if (f.minSeq !== undefined) {
    where.push('c.seq >= ?');
    params.push(f.minSeq);
  }
  let sql: string;
  if (driveByEndorsement) {
    const head: SQLInputValue[] = [f.endorsement!.name, f.endorsement!.status];
    if (f.beforeSeq !== undefined) head.push(f.beforeSeq);
    const cond = ['e.name = ?', 'e.status = ?', ...(f.beforeSeq !== undefined ? ['e.customer_seq < ?'] : []), ...where];
    // CROSS JOIN fixes the loop order: the endorsement index drives, customers are looked up by key.
    sql = `SELECT c.seq, c.doc FROM endorsements e CROSS JOIN customers c ON c.seq = e.customer_seq WHERE ${cond.join(' AND ')} ORDER BY e.customer_seq DESC LIMIT ?`;
    params.unshift(...head);
  } else {
    if (f.beforeSeq !== undefined) {
      where.push('c.seq < ?');
      params.push(f.beforeSeq);
    }
    sql = `SELECT c.seq, c.doc FROM customers c${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY c.seq DESC LIMIT ?`;
  }
  params.push(f.limit + 1);
  return { sql, params, strategy };
}

/**
 * How many of the newest customers a common q scans before it switches to its match set. A q with
 * thousands of matches that all sit in older rows (`crm-15` when those ids were seeded first) made
 * the plain scan walk most of the table. Bounded, the walk stays short and the rest of the page
 * comes from the (then partial) match set below the window.
 */
export const SCAN_WINDOW = 2000;

/** Counts far enough to tell common words apart: the set collected below the window is the smallest one's. */
const REFINE_CAP = 30_000;

/**
 * Several words all at Q_CAP (`crm-15`: `crm` in every seeded customer, `15` in 10,000) leave the
 * estimate no way to pick which set to collect, and collecting the wrong one cost ~60 ms at 100,000.
 * Counted further only here, where the set is about to be collected (a few ms at most).
 */
function rarestCommonWord(db: Db, f: CustomerFilters, est: Estimates): number {
  const ws = qWords(f) ?? [];
  if (ws.length < 2) return est.qDriver ?? 0;
  let best = { n: Infinity, i: 0 };
  for (let i = 0; i < ws.length; i++) {
    const n = Number((db.prepare('SELECT COUNT(*) AS n FROM (SELECT 1 FROM customer_terms WHERE term >= ? AND term < ? LIMIT ?)').get(ws[i]!, ws[i]! + MAX_CHAR, REFINE_CAP) as Row).n);
    if (n < best.n) best = { n, i };
  }
  return best.i;
}

/** Runs the chosen plan; a q scan is bounded to SCAN_WINDOW rows, then continues through the q set. */
export function listCustomerRows(db: Db, f: CustomerFilters, window = SCAN_WINDOW, est = estimate(db, f)): { rows: Row[]; strategy: Strategy | 'windowThenQSet' } {
  const built = buildCustomerListQuery(f, est);
  if (built.strategy !== 'scan' || !qWords(f) || loose(f)) return { rows: db.prepare(built.sql).all(...built.params) as Row[], strategy: built.strategy };
  // A window by seq value, not by row count: seq only grows, so the top is one index step, and gaps
  // just make the window hold fewer rows (the answer is the same whatever the window's size).
  const top = f.beforeSeq ?? Number((db.prepare('SELECT MAX(seq) AS m FROM customers').get() as Row).m) + 1;
  const minSeq = top - window;
  // Fewer customers than the window: the plain scan is already bounded.
  if (minSeq <= 1) return { rows: db.prepare(built.sql).all(...built.params) as Row[], strategy: 'scan' };
  const head = buildCustomerListQuery({ ...f, minSeq }, est);
  const rows = db.prepare(head.sql).all(...head.params) as Row[];
  if (rows.length > f.limit) return { rows, strategy: 'scan' };
  // Matches seen in the window predict the rest: at that density a few more windows fill the page
  // (keep scanning); sparser than that, collecting the match set below the window is cheaper.
  const dense = rows.length * 4 > f.limit;
  const rest = { ...f, beforeSeq: minSeq, limit: f.limit - rows.length };
  const tail = buildCustomerListQuery(rest, dense ? est : { ...est, q: 0, qDriver: rarestCommonWord(db, f, est) });
  return { rows: [...rows, ...(db.prepare(tail.sql).all(...tail.params) as Row[])], strategy: dense ? 'scan' : 'windowThenQSet' };
}
