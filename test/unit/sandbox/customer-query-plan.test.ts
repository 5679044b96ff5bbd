import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomerListQuery, type CustomerFilters } from '../../../src-sandbox/store/customer-query.ts';
import { openDb, type Db, type Row } from '../../../src-sandbox/store/db.ts';
import { seedCustomers } from '../../../src-sandbox/seed/seeder.ts';

/** Search must stay index-backed at 100k+: no plan step may scan the customers table. */
describe('customer list queries are index-backed (EXPLAIN QUERY PLAN)', () => {
  let db: Db;
  beforeAll(() => {
    db = openDb();
    seedCustomers(db, 2000, 5);
    db.exec('ANALYZE');
  });
  afterAll(() => db.close());

  function plan(f: Partial<CustomerFilters>): string[] {
    const { sql, params } = buildCustomerListQuery({ limit: 20, ...f });
    return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Row[]).map((r) => String(r.detail));
  }

  const shapes: [string, Partial<CustomerFilters>][] = [
    ['q short prefix', { q: 'ma' }],
    ['q email fragment', { q: '@acme' }],
    ['q full name', { q: 'mary smith' }],
    ['endorsement filter', { endorsement: { name: 'usd', status: 'pending' } }],
    ['q + endorsement + cursor', { q: 'jo', endorsement: { name: 'basic', status: 'active' }, beforeSeq: 1500 }],
    ['email exact', { email: 'x@acme.com' }],
    ['externalId', { externalId: 'crm-100001' }],
    ['q pasted wallet id', { q: 'wlt_01abcdefghjkmnpqrstv' }],
  ];

  for (const [name, f] of shapes) {
    it(name, () => {
      const steps = plan(f);
      const scans = steps.filter((d) => /^SCAN (c|customers|customer_terms|endorsements)\b/.test(d));
      expect(scans, steps.join('\n')).toEqual([]);
      if (f.q) expect(steps.join('\n')).toMatch(/customer_terms USING (COVERING )?INDEX customer_terms_term/);
      if (f.q && f.q.length >= 3) expect(steps.join('\n')).toMatch(/SCAN customer_email_trgm VIRTUAL TABLE INDEX/);
      if (f.endorsement) expect(steps.join('\n')).toMatch(/endorsements USING (COVERING )?INDEX endorsements_status/);
      if (f.q?.startsWith('wlt_')) expect(steps.join('\n')).toMatch(/SEARCH wallets USING INDEX sqlite_autoindex_wallets_1 \(id=\?\)/);
    });
  }

  it('the unfiltered list walks the primary key backwards, no sort step', () => {
    const steps = plan({ beforeSeq: 100 });
    expect(steps.join('\n')).toMatch(/SEARCH c USING INTEGER PRIMARY KEY/);
    expect(steps.join('\n')).not.toMatch(/TEMP B-TREE/);
  });

  it('prefix and fragment queries return the right rows', () => {
    const run = (f: Partial<CustomerFilters>) => {
      const { sql, params } = buildCustomerListQuery({ limit: 5000, ...f });
      return (db.prepare(sql).all(...params) as Row[]).map((r) => JSON.parse(String(r.doc)));
    };
    const byDomain = run({ q: 'globex' });
    expect(byDomain.length).toBeGreaterThan(0);
    expect(byDomain.every((c) => c.email.includes('globex'))).toBe(true);
    const byPrefix = run({ q: 'MAR' });
    expect(byPrefix.every((c) => [c.firstName, c.lastName, c.email].some((v: string) => v?.toLowerCase().includes('mar')))).toBe(true);
    expect(run({ q: 'zzzzzz' })).toEqual([]);
    expect(run({ q: '"quoted" OR x' })).toEqual([]); // FTS syntax is escaped, not interpreted
  });

  it('a pasted wallet id finds exactly the customer that owns it, case-insensitively', () => {
    const run = (q: string) => {
      const { sql, params } = buildCustomerListQuery({ limit: 5, q });
      return (db.prepare(sql).all(...params) as Row[]).map((r) => Number(r.seq));
    };
    const w = db.prepare('SELECT id, customer_seq FROM wallets ORDER BY seq DESC LIMIT 1').get() as { id: string; customer_seq: number };
    expect(run(w.id)).toEqual([w.customer_seq]);
    expect(run(`  ${w.id.toUpperCase()} `)).toEqual([w.customer_seq]);
    expect(run(`${w.id}x`)).toEqual([]); // exact, not a prefix
  });
});
