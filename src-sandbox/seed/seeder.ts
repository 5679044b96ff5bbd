import { computeRequirements } from '../endorsements/policy.ts';
import { seededId } from '../ids.ts';
import { searchTerms } from '../store/customer-terms.ts';
import { formatUnits } from '../assets.ts';
import { noFees, TXN_LINKS } from '../money/transactions.ts';
import { tx, type Db } from '../store/db.ts';
import { BulkInsert } from './bulk-insert.ts';
import type { CustomerDoc, EndorsementName, EndorsementStatus, RejectionReason } from '../types.ts';
import { CITIES, DOMAINS, FIRST_NAMES, LAST_NAMES, STREETS } from './names.ts';
import { createRng, pick } from './rng.ts';

/**
 * Deterministic bulk seeding: one transaction, rows written in multi-row batches (bulk-insert.ts),
 * no webhooks (seeding is set-up, not activity). The same count and seed on the same store always
 * give the same rows.
 * Profiles (share): bare 12% (incomplete), no id document 6% (usd incomplete), pending review 8%,
 * usd pending 9%, rejected 5%, fully active 60% (half of them with a funded usdc wallet).
 */
type Profile = 'bare' | 'noId' | 'pending' | 'usdPending' | 'rejected' | 'active';

function profileOf(r: number): Profile {
  if (r < 0.12) return 'bare';
  if (r < 0.18) return 'noId';
  if (r < 0.26) return 'pending';
  if (r < 0.35) return 'usdPending';
  if (r < 0.4) return 'rejected';
  return 'active';
}

const REJECTED: RejectionReason[] = [{ developerReason: 'Sandbox seed: document check failed', reason: 'We could not verify the identity information provided.' }];
const BASE_TIME = Date.UTC(2025, 0, 1);
const HEX_DIGITS = '0123456789abcdef';

export function seedCustomers(db: Db, count: number, seed = 1): number {
  const cacheBefore = Number((db.prepare('PRAGMA cache_size').get() as { cache_size: number }).cache_size);
  // The default 2 MB page cache spills dirty pages to the WAL in the middle of the transaction
  // (a first start's 2,000 customers write several MB). Pages are allocated only as used; the
  // setting is put back afterwards.
  db.exec('PRAGMA cache_size = -65536');
  try {
    return tx(db, () => writeCustomers(db, count, seed));
  } finally {
    db.exec(`PRAGMA cache_size = ${Math.trunc(cacheBefore)}`);
  }
}

const nextSeq = (db: Db, table: string) => Number((db.prepare(`SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM ${table}`).get() as { n: number }).n);

function writeCustomers(db: Db, count: number, seed: number): number {
  const existing = Number((db.prepare('SELECT COUNT(*) AS n FROM customers').get() as { n: number }).n);
  // Mixing in the existing count keeps a second seed call from regenerating the same ids.
  const rng = createRng(seed * 1_000_003 + existing);
  // Seqs are given explicitly (what SQLite would pick: max + 1) so rows of every table can be
  // batched without reading each insert's rowid back.
  let customerSeq = nextSeq(db, 'customers');
  let walletSeq = nextSeq(db, 'wallets');
  const customers = new BulkInsert(db, 'INSERT INTO customers (seq, id, email_lower, external_id, status, created_at, doc)', '(?, ?, ?, ?, ?, ?, ?)');
  const terms = new BulkInsert(db, 'INSERT INTO customer_terms (term, customer_seq)', '(?, ?)', 400);
  const endorsements = new BulkInsert(
    db,
    'INSERT INTO endorsements (customer_seq, name, status, requirements, rejection_reasons, review_state, review_due_at, updated_at)',
    '(?, ?, ?, ?, ?, ?, NULL, ?)',
    300,
  );
  const wallets = new BulkInsert(
    db,
    'INSERT INTO wallets (seq, id, customer_seq, asset, chain, address, status, type, balance_units, created_at, updated_at)',
    "(?, ?, ?, 'usdc', 'polygon', ?, 'active', 'internal', ?, ?, ?)",
  );
  const transactions = new BulkInsert(
    db,
    'INSERT INTO transactions (id, customer_seq, wallet_seq, recipient_seq, dst_wallet_seq, type, status, created_at, doc)',
    "(?, ?, NULL, ?, ?, 'cryptoToCrypto', 'completed', ?, ?)",
  );
  const rejected = JSON.stringify(REJECTED);
  const hex = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += HEX_DIGITS[Math.floor(rng() * 16)];
    return s;
  };

  for (let i = 0; i < count; i++) {
    const n = existing + i;
    const ms = BASE_TIME + n * 60_000;
    const at = new Date(ms).toISOString();
    const profile = profileOf(rng());
    const first = pick(rng, FIRST_NAMES);
    const last = pick(rng, LAST_NAMES);
    const place = pick(rng, CITIES);
    const us = place.country === 'US';
    const email = `${first}.${last}${n}@${pick(rng, DOMAINS)}`.toLowerCase().normalize('NFKD').replace(/[^\x20-\x7e]/g, '');
    const full = profile !== 'bare';
    const doc: CustomerDoc = {
      id: seededId('cst', ms, rng),
      type: 'individual',
      firstName: first,
      middleName: null,
      lastName: last,
      email,
      phone: full ? `+1${String(2_000_000_000 + ((n * 7919) % 7_999_999_999)).slice(0, 10)}` : null,
      nationality: full ? place.country : null,
      externalId: `crm-${String(100_000 + n)}`,
      status: rng() < 0.02 ? 'inactive' : 'active',
      signedAgreement: full,
      signedAgreementAt: full ? at : null,
      metadata: { seeded: 'true' },
      createdAt: at,
      updatedAt: at,
      requested: ['cryptoCustody', 'usd'],
      pii: full
        ? {
            birthDate: `${1950 + Math.floor(rng() * 50)}-0${1 + Math.floor(rng() * 9)}-1${Math.floor(rng() * 9)}`,
            residentialAddress: { line1: `${1 + Math.floor(rng() * 999)} ${pick(rng, STREETS)}`, city: place.city, state: place.state, country: place.country, zipCode: place.zip },
            ipAddress: `203.0.113.${Math.floor(rng() * 255)}`,
            identifyingInformation:
              profile === 'noId' ? null : [{ type: us ? 'ssn' : 'passport', issuingCountry: place.country, number: us ? `${hex(3)}-00-${hex(4)}` : `P${hex(8)}` }],
          }
        : {},
    };
    const seq = customerSeq++;
    customers.add(seq, doc.id, email, doc.externalId, doc.status, at, JSON.stringify(doc));
    const walletId = (profile === 'active' || profile === 'noId') && rng() < 0.5 ? seededId('wlt', ms, rng) : null;
    for (const t of searchTerms(doc, walletId ? [walletId] : [])) terms.add(t, seq);

    const statuses: Record<EndorsementName, EndorsementStatus> =
      profile === 'bare' ? { basic: 'incomplete', cryptoCustody: 'incomplete', usd: 'incomplete' }
      : profile === 'noId' ? { basic: 'active', cryptoCustody: 'active', usd: 'incomplete' }
      : profile === 'pending' ? { basic: 'pending', cryptoCustody: 'pending', usd: 'pending' }
      : profile === 'usdPending' ? { basic: 'active', cryptoCustody: 'active', usd: 'pending' }
      : profile === 'rejected' ? { basic: 'rejected', cryptoCustody: 'rejected', usd: 'rejected' }
      : { basic: 'active', cryptoCustody: 'active', usd: 'active' };
    for (const name of ['basic', 'cryptoCustody', 'usd'] as const) {
      const status = statuses[name];
      const req = computeRequirements(doc, name, name === 'basic' ? null : statuses.basic, new Date(ms));
      // Seeded reviews wait for a human decision (like last name "Review"), they never auto-complete.
      const review = status === 'pending' ? (name !== 'basic' && statuses.basic !== 'active' ? 'blocked' : 'awaiting') : null;
      endorsements.add(seq, name, status, JSON.stringify(req), status === 'rejected' ? rejected : '[]', review, at);
    }
    if (walletId) {
      const micros = Math.floor(rng() * 5_000) * 1_000_000 + Math.floor(rng() * 100) * 10_000;
      const address = `0x${hex(40)}`;
      const wSeq = walletSeq++;
      wallets.add(wSeq, walletId, seq, address, String(micros), at, at);
      if (micros > 0) {
        // The funding deposit, in the documented shape (see money/transactions.ts depositToWallet).
        const txnId = seededId('txn', ms, rng);
        const amount = formatUnits(BigInt(micros), 'usdc');
        const txHash = `0x${hex(64)}`;
        const leg = { asset: 'usdc', network: 'polygon', amountGross: amount, amountNet: amount, feesDeducted: noFees('usdc'), txHash };
        const txn = {
          id: txnId, object: 'transaction', ...TXN_LINKS, type: 'cryptoToCrypto', status: 'completed', subStatus: 'settled', role: 'recipient',
          sender: null, recipient: doc.id, source: { ...leg, wallet: { blockchainAddress: `0x${hex(40)}` } },
          destination: { ...leg, wallet: { id: walletId, blockchainAddress: address } }, quoteId: null, error: null, metadata: {},
          createdAt: at, updatedAt: at, completedAt: at,
        };
        transactions.add(txnId, seq, seq, wSeq, at, JSON.stringify(txn));
      }
    }
  }
  for (const b of [customers, terms, endorsements, wallets, transactions]) b.flush();
  return count;
}
