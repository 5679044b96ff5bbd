import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomerListQuery, chooseStrategy, E_CAP, estimate, Q_CAP, type CustomerFilters, type Estimates, type Strategy } from '../../../src-sandbox/store/customer-query.ts';
import { openDb, type Db, type Row } from '../../../src-sandbox/store/db.ts';
import { seedCustomers } from '../../../src-sandbox/seed/seeder.ts';
import { matchCustomer, queryWords } from '../../../src-main/services/customers/customer-match.ts';

/**
 * The customer list picks a strategy from capped match counts: every strategy must be
 * index-driven or a bounded backwards walk (EXPLAIN QUERY PLAN), never materialise a whole filter,
 * and all strategies must return exactly the same rows as a brute-force reference.
 */
describe('customer list queries: strategies, plans, equivalence', () => {
  let db: Db;
  beforeAll(() => {
    db = openDb();
    seedCustomers(db, 3000, 5);
    db.exec('ANALYZE');
  });
  afterAll(() => db.close());

  const forced = (strategy: Strategy): Estimates =>
    strategy === 'qSet' ? { q: 0, endorsement: 1e9 } : strategy === 'endorsementIndex' ? { q: 1e9, endorsement: 0 } : { q: 1e9, endorsement: 1e9 };

  function plan(f: Partial<CustomerFilters>, est?: Estimates) {
    const filters = { limit: 20, ...f };
    const built = buildCustomerListQuery(filters, est ?? estimate(db, filters));
    const steps = (db.prepare(`EXPLAIN QUERY PLAN ${built.sql}`).all(...built.params) as Row[]).map((r) => String(r.detail));
    return { strategy: built.strategy, steps: steps.join('\n') };
  }

  function run(f: Partial<CustomerFilters>, est?: Estimates): number[] {
    const filters = { limit: 5000, ...f };
    const { sql, params } = buildCustomerListQuery(filters, est ?? estimate(db, filters));
    return (db.prepare(sql).all(...params) as Row[]).map((r) => Number(r.seq));
  }

  it('measures capped counts and chooses by them', () => {
    const e = estimate(db, { limit: 20, q: 'ma', endorsement: { name: 'basic', status: 'active' } });
    expect(e.q).toBeGreaterThan(50);
    expect(e.q).toBeLessThanOrEqual(Q_CAP);
    // At 3k customers 'ma' stays under Q_CAP, so the endorsement is not counted (it would not change the plan).
    expect(e.endorsement).toBe(0);
    const terms = Number((db.prepare('SELECT COUNT(*) AS n FROM customer_terms').get() as Row).n);
    expect(terms).toBeGreaterThan(Q_CAP);
    // Every seeded phone starts with +1: common enough to reach the cap, so the endorsement is counted too.
    const broad = estimate(db, { limit: 20, q: '+1', endorsement: { name: 'basic', status: 'active' } });
    expect(broad.q).toBe(Q_CAP);
    expect(broad.endorsement).toBe(Number((db.prepare("SELECT COUNT(*) AS n FROM endorsements WHERE name = 'basic' AND status = 'active'").get() as Row).n));
    expect(estimate(db, { limit: 20, q: 'zzqx' })).toMatchObject({ q: 0, endorsement: 0 });
    // Several words: the rarest one is counted and named, as it drives the plan.
    expect(estimate(db, { limit: 20, q: '+1 zzqx' })).toMatchObject({ q: 0, qDriver: 1 });
    expect(estimate(db, { limit: 20, q: '+1 mary' }).qDriver).toBe(1);
    const f = (x: Partial<CustomerFilters>) => ({ limit: 20, ...x });
    const basic = { name: 'basic', status: 'active' };
    expect(chooseStrategy(f({ q: 'ma' }), { q: Q_CAP, endorsement: 0 })).toBe('scan');
    expect(chooseStrategy(f({ q: 'ma' }), { q: Q_CAP - 1, endorsement: 0 })).toBe('qSet');
    expect(chooseStrategy(f({ endorsement: basic }), { q: 0, endorsement: E_CAP })).toBe('endorsementIndex');
    expect(chooseStrategy(f({ q: 'jo', endorsement: basic }), { q: Q_CAP, endorsement: E_CAP - 1 })).toBe('endorsementIndex');
    expect(chooseStrategy(f({ q: 'jo', endorsement: basic }), { q: Q_CAP, endorsement: E_CAP })).toBe('scan');
    expect(chooseStrategy(f({ email: 'x@acme.com', q: 'ma' }), { q: Q_CAP, endorsement: 0 })).toBe('selective');
  });

  it('qSet: one word\'s ids come from the term index, the other words and endorsements by key probe', () => {
    const { steps } = plan({ q: 'mary smith', endorsement: { name: 'basic', status: 'active' } }, forced('qSet'));
    expect(steps).toMatch(/SEARCH a USING COVERING INDEX customer_terms_term \(term>\? AND term<\?\)/);
    expect(steps).toMatch(/SEARCH t EXISTS USING COVERING INDEX customer_terms_seq_term \(customer_seq=\? AND term>\? AND term<\?\)/);
    // The other word is probed inside the set (a child of the list subquery), before any customer row is read.
    const built = buildCustomerListQuery({ q: 'mary smith', limit: 20 }, forced('qSet'));
    const nodes = db.prepare(`EXPLAIN QUERY PLAN ${built.sql}`).all(...built.params) as { id: number; parent: number; detail: string }[];
    const list = nodes.find((n) => n.detail.startsWith('LIST SUBQUERY'));
    expect(nodes.find((n) => n.detail.startsWith('SEARCH t EXISTS'))?.parent).toBe(list?.id);
    expect(steps).toMatch(/SEARCH e EXISTS USING (COVERING INDEX endorsements_status|PRIMARY KEY)/);
    expect(steps).toMatch(/SEARCH c USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    expect(steps).not.toMatch(/SCAN (c|customers|customer_terms|endorsements)\b/);
  });

  it('endorsementIndex: walks the status index backwards, customers by key, no sort', () => {
    const { steps } = plan({ q: 'jo', endorsement: { name: 'basic', status: 'active' }, beforeSeq: 2500 }, forced('endorsementIndex'));
    expect(steps).toMatch(/SEARCH e USING (COVERING )?INDEX endorsements_status \(name=\? AND status=\? AND customer_seq<\?\)/);
    expect(steps).toMatch(/SEARCH c USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    expect(steps).toMatch(/SEARCH t EXISTS USING COVERING INDEX customer_terms_seq_term \(customer_seq=\? AND term>\? AND term<\?\)/);
    expect(steps).not.toMatch(/TEMP B-TREE/);
  });

  it('scan: the primary key backwards with per-row probes, no sort, nothing materialised', () => {
    const { steps } = plan({ q: 'ma', endorsement: { name: 'basic', status: 'active' }, beforeSeq: 2000 }, forced('scan'));
    expect(steps).toMatch(/SEARCH c USING INTEGER PRIMARY KEY \(rowid<\?\)/);
    expect(steps).toMatch(/SEARCH e EXISTS USING COVERING INDEX endorsements_status \(name=\? AND status=\? AND customer_seq=\?\)/);
    expect(steps).toMatch(/SEARCH t EXISTS USING COVERING INDEX customer_terms_seq_term/);
    expect(steps).not.toMatch(/TEMP B-TREE|LIST SUBQUERY|MATERIALIZE/);
  });

  it('every strategy returns exactly the brute-force rows (property)', () => {
    const all = (db.prepare('SELECT seq, email_lower, doc FROM customers ORDER BY seq DESC').all() as Row[]).map((r) => ({ seq: Number(r.seq), email: r.email_lower === null ? null : String(r.email_lower), doc: JSON.parse(String(r.doc)) }));
    const walletIds = new Map<number, string[]>();
    for (const r of db.prepare('SELECT customer_seq, id FROM wallets').all() as Row[]) walletIds.set(Number(r.customer_seq), [...(walletIds.get(Number(r.customer_seq)) ?? []), String(r.id)]);
    const ends = new Map<string, string>();
    for (const r of db.prepare('SELECT customer_seq, name, status FROM endorsements').all() as Row[]) ends.set(`${String(r.customer_seq)}:${String(r.name)}`, String(r.status));
    const reference = (f: Partial<CustomerFilters>) =>
      all
        .filter((c) => {
          // The console's own rule is the reference: every word of q starts a word of the customer's.
          if (f.q && !matchCustomer(queryWords(f.q), { ...c.doc, walletIds: walletIds.get(c.seq) ?? [] })) return false;
          if (f.endorsement && ends.get(`${c.seq}:${f.endorsement.name}`) !== f.endorsement.status) return false;
          if (f.status && c.doc.status !== f.status) return false;
          if (f.beforeSeq !== undefined && c.seq >= f.beforeSeq) return false;
          return true;
        })
        .map((c) => c.seq);
    const qs = ['ma', 'jo', 'mar', 'smith', 'rodrig', '@globex', 'globex.c', 'crm-101', '+1', 'x', 'mary smith', 'smith mary', 'nitech', 'ia.her', 'jose', 'jos\u00e9', 'wlt_', 'crm 1001'];
    fc.assert(
      fc.property(
        fc.record({
          q: fc.option(fc.constantFrom(...qs), { nil: undefined }),
          endorsement: fc.option(fc.record({ name: fc.constantFrom('basic', 'usd', 'cryptoCustody'), status: fc.constantFrom('active', 'pending', 'incomplete', 'rejected') }), { nil: undefined }),
          status: fc.option(fc.constantFrom('active', 'inactive'), { nil: undefined }),
          beforeSeq: fc.option(fc.integer({ min: 1, max: 3100 }), { nil: undefined }),
        }),
        (f) => {
          const expected = reference(f);
          for (const s of ['qSet', 'endorsementIndex', 'scan'] as const) {
            if (s === 'qSet' && !f.q) continue;
            if (s === 'endorsementIndex' && !f.endorsement) continue;
            expect(run(f, forced(s)), `${s} ${JSON.stringify(f)}`).toEqual(expected);
          }
          expect(run(f)).toEqual(expected);
        },
      ),
      { numRuns: 120 },
    );
  });

  it('counting reviews that wait for a human reads a small partial index, not every endorsement', () => {
    for (const sql of [
      "SELECT COUNT(*) AS n FROM endorsements WHERE status = 'pending' AND review_state = 'awaiting'",
      "SELECT DISTINCT customer_seq FROM endorsements WHERE status = 'pending' AND review_state = 'awaiting'",
    ]) {
      const steps = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Row[]).map((r) => String(r.detail)).join('\n');
      expect(steps).toMatch(/COVERING INDEX endorsements_awaiting/);
    }
  });

  it('punctuation and control characters only split words, wallet ids are words of their owner', () => {
    expect(run({ q: 'zzzzzz' })).toEqual([]);
    expect(run({ q: '"quoted" OR zzx' })).toEqual([]);
    expect(run({ q: 'ma\u0000' })).toEqual(run({ q: 'ma' }));
    // No word at all: the rule holds for every customer, so q filters nothing.
    expect(run({ q: '\u0000\u0001 @' })).toEqual(run({}));
    const w = db.prepare('SELECT id, customer_seq FROM wallets ORDER BY seq DESC LIMIT 1').get() as { id: string; customer_seq: number };
    for (const s of [undefined, 'qSet', 'scan'] as const) {
      const est = s ? forced(s) : undefined;
      expect(run({ q: w.id }, est)).toEqual([w.customer_seq]);
      expect(run({ q: `  ${w.id.toUpperCase()} ` }, est)).toEqual([w.customer_seq]);
      expect(run({ q: `${w.id}x` }, est)).toEqual([]);
      expect(run({ q: w.id.slice(0, -3) }, est)).toContain(w.customer_seq);
    }
  });
});
