import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchCustomer, queryWords } from '../../../src-main/services/customers/customer-match.ts';
import { seedCustomers } from '../../../src-sandbox/seed/seeder.ts';
import { listCustomerRows, type CustomerFilters, type QMatch } from '../../../src-sandbox/store/customer-query.ts';
import { CustomersStore } from '../../../src-sandbox/store/customers.repo.ts';
import { openDb, type Db, type Row } from '../../../src-sandbox/store/db.ts';
import { MIGRATIONS } from '../../../src-sandbox/store/migrations.ts';
import { restoreSnapshot, takeSnapshot } from '../../../src-sandbox/store/snapshots.ts';
import { WalletsStore } from '../../../src-sandbox/store/wallets.repo.ts';
import type { CustomerDoc } from '../../../src-sandbox/types.ts';

/**
 * The sandbox's `q` is the console's rule: every word of q starts a word of the customer's name, id,
 * externalId, wallet ids, email or phone, case and diacritics folded. Whatever the plan, the rows a
 * list (paged through its cursor) returns are exactly the customers the console's own matchCustomer
 * accepts, newest first.
 */
function doc(n: number, over: Partial<CustomerDoc>): CustomerDoc {
  const at = new Date(Date.UTC(2026, 5, 1, 0, n)).toISOString();
  return {
    id: `cst_hand${String(n).padStart(20, '0')}`, type: 'individual', firstName: null, middleName: null, lastName: null, email: null, phone: null,
    nationality: null, externalId: null, status: 'active', signedAgreement: false, signedAgreementAt: null, metadata: {}, createdAt: at, updatedAt: at,
    requested: [], pii: {}, ...over,
  } as CustomerDoc;
}

const HAND: Partial<CustomerDoc>[] = [
  { firstName: 'José', lastName: 'Núñez', email: 'jose.nunez@initech.io', phone: '+44 20 7946 0958' },
  { firstName: 'Mary', middleName: 'Ann', lastName: 'Smith-Jones', email: 'mas@example.org', externalId: 'CRM-15000/b' },
  { firstName: 'Christopher', lastName: 'Heron', email: 'c.heron@initech.io', phone: '+14155550100' },
  { firstName: 'Zoë', lastName: "O'Brien", email: 'zoe_obrien@globex.com', externalId: 'A-77' },
  { firstName: 'Maria', lastName: 'Hernández', email: 'ia.her@globex.com' },
];

describe('the sandbox q is the console rule', () => {
  let db: Db;
  let all: { seq: number; doc: CustomerDoc; walletIds: string[] }[];
  beforeAll(() => {
    db = openDb();
    seedCustomers(db, 1500, 7);
    const customers = new CustomersStore(db);
    const wallets = new WalletsStore(db);
    HAND.forEach((h, i) => {
      const seq = customers.insert(doc(i, h));
      // A wallet made after the customer is a word of its owner too.
      if (i % 2 === 0) wallets.insert({ id: `wlt_Hand${i}Xy`, customerSeq: seq, asset: 'usdc', chain: 'polygon', address: `0x${i}`, status: 'active', type: 'internal', balanceUnits: 0n, createdAt: 'x', updatedAt: 'x' });
    });
    // An update re-indexes the customer, keeping its wallet's word.
    const first = customers.byId(doc(0, {}).id)!;
    customers.update(first.seq, { ...first.doc, lastName: 'Núñez Ávila' });
    db.exec('ANALYZE');
    const walletIds = new Map<number, string[]>();
    for (const r of db.prepare('SELECT customer_seq, id FROM wallets').all() as Row[]) walletIds.set(Number(r.customer_seq), [...(walletIds.get(Number(r.customer_seq)) ?? []), String(r.id)]);
    all = (db.prepare('SELECT seq, doc FROM customers ORDER BY seq DESC').all() as Row[]).map((r) => ({ seq: Number(r.seq), doc: JSON.parse(String(r.doc)) as CustomerDoc, walletIds: walletIds.get(Number(r.seq)) ?? [] }));
  });
  afterAll(() => db.close());

  const rule = (q: string) => all.filter((c) => matchCustomer(queryWords(q), { ...c.doc, walletIds: c.walletIds })).map((c) => c.seq);

  /** Every page of a list, through its cursor, as the route pages it. */
  function listAll(f: Omit<CustomerFilters, 'limit'>, limit: number, qMatch?: QMatch): number[] {
    const out: number[] = [];
    let beforeSeq: number | undefined;
    for (;;) {
      const rows = listCustomerRows(db, { ...f, limit, qMatch, ...(beforeSeq === undefined ? {} : { beforeSeq }) }).rows.map((r) => Number(r.seq));
      out.push(...rows.slice(0, limit));
      if (rows.length <= limit) return out;
      beforeSeq = out[out.length - 1];
    }
  }

  it('multi-word, diacritics, phones, wallet ids and punctuation: the rule\'s rows, newest first, through every page (property)', () => {
    // Queries built from the customers' own words: prefixes, other case, accents, other separators.
    const pieces = all.flatMap((c) => [c.doc.firstName, c.doc.lastName, c.doc.email, c.doc.externalId, c.doc.phone, c.doc.id, ...c.walletIds]).filter((v): v is string => !!v);
    const piece = fc.tuple(fc.constantFrom(...pieces), fc.integer({ min: 1, max: 12 }), fc.boolean()).map(([p, n, upper]) => (upper ? p.slice(0, n).toUpperCase() : p.slice(0, n)));
    const q = fc.oneof(
      fc.array(piece, { minLength: 1, maxLength: 3 }).chain((ps) => fc.constantFrom(' ', '  ', '.', '-', ', ').map((sep) => ps.join(sep))),
      fc.constantFrom('mary smith', 'smith mary', 'ia.her', 'crm-15000', 'nitech', 'jose', 'JOSÉ núñez', 'nunez avila', 'her', '+1 415', '4155550100', 'wlt_hand', 'zoe o brien', '@globex', '"x" OR y', 'ma jo'),
    );
    fc.assert(
      fc.property(q, fc.integer({ min: 1, max: 40 }), fc.option(fc.constantFrom('active', 'inactive'), { nil: undefined }), (text, limit, status) => {
        const expected = rule(text).filter((seq) => !status || all.find((c) => c.seq === seq)!.doc.status === status);
        expect(listAll({ q: text, ...(status ? { status } : {}) }, limit), JSON.stringify({ text, limit, status })).toEqual(expected);
      }),
      { numRuns: 250 },
    );
  });

  it('rows matched only inside a word are not listed; the substring setting lists them', () => {
    const initech = all.filter((c) => c.doc.email?.endsWith('@initech.io')).map((c) => c.seq);
    expect(initech.length).toBeGreaterThan(2);
    expect(listAll({ q: 'nitech' }, 20)).toEqual([]);
    expect(listAll({ q: 'initech' }, 20)).toEqual(initech);
    expect(listAll({ q: 'nitech' }, 20, 'substring')).toEqual(initech);
    // Each word still has to be found, in any of the customer's words.
    expect(listAll({ q: 'nitech eron' }, 20, 'substring')).toEqual(all.filter((c) => c.doc.lastName === 'Heron').map((c) => c.seq));
  });
});

describe('migration to word terms', () => {
  let dir = '';
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a store and its snapshots indexed by the old terms open searchable by words, the email trigram index gone', () => {
    dir = mkdtempSync(join(tmpdir(), 'oms-sandbox-q-'));
    const old = new DatabaseSync(join(dir, 'sandbox.db'));
    old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    for (const m of MIGRATIONS.filter((x) => x.version <= 4)) {
      old.exec(m.sql);
      old.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, '2026-12-01T00:00:00.000Z');
    }
    const d = doc(1, { firstName: 'Ana', lastName: 'Peña Ruiz', email: 'ana@initech.io' });
    old.prepare("INSERT INTO customers (seq, id, email_lower, status, created_at, doc) VALUES (1, ?, 'ana@initech.io', 'active', ?, ?)").run(d.id, d.createdAt, JSON.stringify(d));
    old.prepare("INSERT INTO wallets (seq, id, customer_seq, asset, chain, address, status, type, created_at, updated_at) VALUES (1, 'wlt_ana01', 1, 'usdc', 'polygon', '0x1', 'active', 'internal', 'x', 'x')").run();
    // The old terms: whole lowercased values.
    for (const t of ['ana', 'peña ruiz', 'ana peña ruiz', 'ana@initech.io', d.id]) old.prepare('INSERT INTO customer_terms (term, customer_seq) VALUES (?, 1)').run(t);
    // A snapshot taken before the migration holds the old terms too.
    takeSnapshot(old, 'before', '2026-12-01T00:00:00.000Z');
    old.close();

    const db = openDb(dir);
    try {
      const terms = (table: string) => (db.prepare(`SELECT term FROM ${table} ORDER BY term`).all() as Row[]).map((r) => String(r.term));
      const words = ['ana', 'cst_hand00000000000000000001', 'initech', 'io', 'pena', 'ruiz', 'wlt_ana01'];
      expect(terms('customer_terms')).toEqual(words);
      expect(terms('snap__customer_terms')).toEqual(words);
      expect(db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'customer_email_trgm'").get()).toBeUndefined();
      const find = (q: string) => listCustomerRows(db, { q, limit: 5 }).rows.map((r) => Number(r.seq));
      expect(find('pena ana')).toEqual([1]);
      expect(find('wlt_ana')).toEqual([1]);
      expect(find('nitech')).toEqual([]);
      db.exec('DELETE FROM customer_terms');
      expect(restoreSnapshot(db, 'before')).toBe(true);
      expect(find('ruiz')).toEqual([1]);
    } finally {
      db.close();
    }
  });
});
