import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomerListQuery, listCustomerRows, type CustomerFilters, type Estimates } from '../../../src-sandbox/store/customer-query.ts';
import { openDb, type Db, type Row } from '../../../src-sandbox/store/db.ts';
import { seedCustomers } from '../../../src-sandbox/seed/seeder.ts';

/**
 * A q with many matches that all sit in older customers (external ids `crm-1001…` of a seed run)
 * must not walk every newer customer: the backwards scan is bounded to a window of seqs and the
 * rest of the page comes from the match set. The rows must be the plain plan's rows, in order.
 */
describe('customer list: the bounded q scan', () => {
  let db: Db;
  const forcedScan: Estimates = { q: 1e9, endorsement: 1e9 };
  beforeAll(() => {
    db = openDb();
    seedCustomers(db, 3000, 5);
    db.exec('ANALYZE');
  });
  afterAll(() => db.close());

  const plainRows = (f: CustomerFilters) => {
    const built = buildCustomerListQuery(f, forcedScan);
    return (db.prepare(built.sql).all(...built.params) as Row[]).map((r) => Number(r.seq));
  };

  /** Runs listCustomerRows and returns, beside its rows, the query plan of every statement it ran. */
  function traced(f: CustomerFilters, window: number) {
    const plans: string[] = [];
    const calls: { sql: string; params: unknown[] }[] = [];
    const spy = new Proxy(db, {
      get(target, key) {
        if (key !== 'prepare') return Reflect.get(target, key) as unknown;
        return (sql: string) => {
          const stmt = target.prepare(sql);
          return {
            all: (...p: never[]) => (plans.push(explain(sql, p)), calls.push({ sql, params: p }), stmt.all(...p)),
            get: (...p: never[]) => (plans.push(explain(sql, p)), stmt.get(...p)),
          };
        };
      },
    });
    const out = listCustomerRows(spy, f, window, forcedScan);
    return { seqs: out.rows.map((r) => Number(r.seq)), strategy: out.strategy, plans, calls };
  }
  const explain = (sql: string, params: never[]) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Row[]).map((r) => String(r.detail)).join('\n');

  it('matches only in old rows: no statement walks customers without a seq bound, same rows as the plain scan', () => {
    const f = { q: 'crm-1001', limit: 20 };
    const { seqs, strategy, plans } = traced(f, 300);
    expect(seqs).toEqual(plainRows(f));
    expect(seqs.length).toBe(21);
    expect(Math.max(...seqs)).toBeLessThan(2700);
    expect(strategy).toBe('windowThenQSet');
    expect(plans.join('\n')).toMatch(/SEARCH c USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)|SEARCH c USING INTEGER PRIMARY KEY \(rowid>\?\)/);
    // Walking customers backwards with no lower seq bound is the unbounded walk this replaces.
    for (const p of plans) expect(p, p).not.toMatch(/SCAN c\b|PRIMARY KEY \(rowid<\?\)/);
  });

  it('below the window, of several common words the rarest one\'s set is collected', () => {
    // `crm` is a word of every seeded customer, `1001` of a few dozen: collecting every `crm` customer
    // to probe each for `1001` was the slow plan (~60 ms at 100,000 for `crm-15`).
    const { seqs, strategy, calls } = traced({ q: 'crm-1001', limit: 20 }, 300);
    expect(strategy).toBe('windowThenQSet');
    expect(seqs).toEqual(plainRows({ q: 'crm-1001', limit: 20 }));
    const collected = calls.find((c) => c.sql.includes('IN (SELECT a.customer_seq'));
    expect(collected?.params[0]).toBe('1001');
  });

  it('dense matches stay a plain backwards scan inside the window', () => {
    const f = { q: 'ma', limit: 20 };
    const { seqs, strategy } = traced(f, 1000);
    expect(seqs).toEqual(plainRows(f));
    expect(strategy).toBe('scan');
  });

  it('any window, filters and cursor give the plain scan rows (property)', () => {
    const qs = ['ma', 'jo', 'mar', 'smith', 'rodrig', '@globex', 'globex.c', 'crm-101', 'crm-1001', '+1', 'mary smith'];
    fc.assert(
      fc.property(
        fc.record({
          q: fc.constantFrom(...qs),
          endorsement: fc.option(fc.record({ name: fc.constantFrom('basic', 'usd'), status: fc.constantFrom('active', 'pending') }), { nil: undefined }),
          status: fc.option(fc.constantFrom('active', 'inactive'), { nil: undefined }),
          beforeSeq: fc.option(fc.integer({ min: 1, max: 3100 }), { nil: undefined }),
          limit: fc.integer({ min: 1, max: 60 }),
        }),
        fc.integer({ min: 1, max: 3500 }),
        (f, window) => {
          expect(traced(f, window).seqs, JSON.stringify({ f, window })).toEqual(plainRows(f));
        },
      ),
      { numRuns: 150 },
    );
  });
});
