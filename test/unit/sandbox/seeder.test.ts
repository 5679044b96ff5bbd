import { describe, expect, it } from 'vitest';
import { parseAssetAmount } from '../../../src-sandbox/assets.ts';
import { seedCustomers } from '../../../src-sandbox/seed/seeder.ts';
import { searchTerms } from '../../../src-sandbox/store/customer-terms.ts';
import { CustomersStore } from '../../../src-sandbox/store/customers.repo.ts';
import { openDb, type Db, type Row } from '../../../src-sandbox/store/db.ts';
import type { CustomerDoc } from '../../../src-sandbox/types.ts';

/**
 * The seeder writes rows in multi-row batches with seqs it assigns itself: every row must still
 * point at the right customer, whatever the store held before and whatever the batch boundaries.
 */
const TABLES = ['customers', 'customer_terms', 'endorsements', 'wallets', 'transactions'] as const;
const dump = (db: Db) => Object.fromEntries(TABLES.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()]));
const count = (db: Db, table: string) => Number((db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as Row).n);
const docs = (db: Db) => (db.prepare('SELECT seq, doc FROM customers ORDER BY seq').all() as Row[]).map((r) => ({ seq: Number(r.seq), doc: JSON.parse(String(r.doc)) as CustomerDoc }));

function handMade(id: string, n: number): CustomerDoc {
  const at = new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString();
  return {
    id, type: 'individual', firstName: 'Hand', middleName: null, lastName: `Made${n}`, email: `hand.made${n}@example.net`, phone: null, nationality: null,
    externalId: null, status: 'active', signedAgreement: false, signedAgreementAt: null, metadata: {}, createdAt: at, updatedAt: at, requested: [], pii: {},
  } as CustomerDoc;
}

/** Every relation the seeder writes, checked row by row against the customer documents. */
function expectConsistent(db: Db): void {
  const customers = docs(db);
  const termsOf = new Map<number, string[]>();
  for (const r of db.prepare('SELECT term, customer_seq FROM customer_terms ORDER BY rowid').all() as Row[]) {
    const list = termsOf.get(Number(r.customer_seq)) ?? [];
    list.push(String(r.term));
    termsOf.set(Number(r.customer_seq), list);
  }
  const walletsOf = db.prepare('SELECT id FROM wallets WHERE customer_seq = ? ORDER BY seq');
  const endorsements = db.prepare('SELECT name FROM endorsements WHERE customer_seq = ? ORDER BY name');
  for (const { seq, doc } of customers) {
    // The owner of a wallet is found by its id: the seeder writes it among the customer's terms.
    expect(termsOf.get(seq)).toEqual(searchTerms(doc, (walletsOf.all(seq) as Row[]).map((r) => String(r.id))));
    if (doc.metadata.seeded) expect((endorsements.all(seq) as Row[]).map((r) => r.name)).toEqual(['basic', 'cryptoCustody', 'usd']);
  }
  const bySeq = new Map(customers.map((c) => [c.seq, c.doc]));
  const wallets = db.prepare('SELECT seq, id, customer_seq, balance_units FROM wallets').all() as Row[];
  for (const w of wallets) {
    expect(bySeq.get(Number(w.customer_seq))?.metadata.seeded).toBe('true');
    const txns = db.prepare('SELECT customer_seq, recipient_seq, doc FROM transactions WHERE dst_wallet_seq = ?').all(Number(w.seq)) as Row[];
    // A funded wallet has exactly its funding deposit; an empty one has none.
    expect(txns).toHaveLength(BigInt(String(w.balance_units)) > 0n ? 1 : 0);
    for (const t of txns) {
      const doc = JSON.parse(String(t.doc)) as { recipient: string; destination: { wallet: { id: string }; amountNet: string } };
      expect([Number(t.customer_seq), Number(t.recipient_seq)]).toEqual([Number(w.customer_seq), Number(w.customer_seq)]);
      expect(doc.recipient).toBe(bySeq.get(Number(w.customer_seq))!.id);
      expect(doc.destination.wallet.id).toBe(w.id);
      // The deposit's amount is the wallet's balance, to the base unit.
      expect(parseAssetAmount(doc.destination.amountNet, 'usdc')?.units).toBe(BigInt(String(w.balance_units)));
    }
  }
}

describe('seedCustomers', () => {
  it('is deterministic: the same count and seed on two fresh stores give identical rows', () => {
    const [a, b] = [openDb(), openDb()];
    expect(seedCustomers(a, 1234, 3)).toBe(1234);
    seedCustomers(b, 1234, 3);
    expect(dump(a)).toEqual(dump(b));
    expect(count(a, 'customers')).toBe(1234);
    expect(count(a, 'endorsements')).toBe(3 * 1234);
    a.close();
    b.close();
  });

  it('links every term (wallet ids included), endorsement, wallet and deposit to its own customer across batch boundaries', () => {
    const db = openDb();
    seedCustomers(db, 1, 1);
    seedCustomers(db, 457, 2); // not a multiple of any batch size
    expect(count(db, 'customers')).toBe(458);
    expect(count(db, 'wallets')).toBeGreaterThan(50);
    expectConsistent(db);
    db.close();
  });

  it('continues after customers created through the API, gaps in seq included, without clashing', () => {
    const db = openDb();
    const store = new CustomersStore(db);
    seedCustomers(db, 7, 1);
    const gone = store.insert(handMade('cst_handmade00000000000000001', 1));
    store.insert(handMade('cst_handmade00000000000000002', 2));
    // A restored snapshot can leave a hole: new rows go after the highest seq, not after the count.
    db.prepare('DELETE FROM customer_terms WHERE customer_seq = ?').run(gone);
    db.prepare('DELETE FROM customers WHERE seq = ?').run(gone);
    seedCustomers(db, 300, 1);
    const seqs = docs(db).map((c) => c.seq);
    expect(seqs).toEqual([...Array.from({ length: 7 }, (_, i) => i + 1), ...Array.from({ length: 301 }, (_, i) => i + 9)]);
    expectConsistent(db);
    db.close();
  });

  it('writes nothing when any row fails, and puts the page cache setting back', () => {
    // Learn the id the seeder will pick for its first customer on a store holding one customer…
    const probe = openDb();
    new CustomersStore(probe).insert(handMade('cst_handmade00000000000000009', 9));
    seedCustomers(probe, 1, 4);
    const clash = String((probe.prepare('SELECT id FROM customers WHERE seq = 2').get() as Row).id);
    probe.close();
    // …then make that id taken, so the seed's first row breaks the unique constraint.
    const db = openDb();
    new CustomersStore(db).insert(handMade(clash, 9));
    const cacheBefore = db.prepare('PRAGMA cache_size').get();
    expect(() => seedCustomers(db, 500, 4)).toThrow(/UNIQUE/);
    expect(TABLES.map((t) => count(db, t))).toEqual([1, searchTerms(handMade(clash, 9)).length, 0, 0, 0]);
    expect(db.prepare('PRAGMA cache_size').get()).toEqual(cacheBefore);
    db.close();
  });
});
