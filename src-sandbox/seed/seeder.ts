import { computeRequirements } from '../endorsements/policy.ts';
import { seededId } from '../ids.ts';
import { searchTerms } from '../store/customers.repo.ts';
import { formatUnits } from '../assets.ts';
import { noFees, TXN_LINKS } from '../money/transactions.ts';
import { tx, type Db } from '../store/db.ts';
import type { CustomerDoc, EndorsementName, EndorsementStatus, RejectionReason } from '../types.ts';
import { CITIES, DOMAINS, FIRST_NAMES, LAST_NAMES, STREETS } from './names.ts';
import { createRng, pick } from './rng.ts';

/**
 * Deterministic bulk seeding. Writes straight through cached statements in one transaction (100k
 * customers in seconds) and emits no webhooks: seeding is set-up, not activity.
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

export function seedCustomers(db: Db, count: number, seed = 1): number {
  const existing = Number((db.prepare('SELECT COUNT(*) AS n FROM customers').get() as { n: number }).n);
  // Mixing in the existing count keeps a second seed call from regenerating the same ids.
  const rng = createRng(seed * 1_000_003 + existing);
  const insCustomer = db.prepare('INSERT INTO customers (id, email_lower, external_id, status, created_at, doc) VALUES (?, ?, ?, ?, ?, ?)');
  const insTerm = db.prepare('INSERT INTO customer_terms (term, customer_seq) VALUES (?, ?)');
  const insTrgm = db.prepare('INSERT INTO customer_email_trgm (rowid, email) VALUES (?, ?)');
  const insEnd = db.prepare(
    'INSERT INTO endorsements (customer_seq, name, status, requirements, rejection_reasons, review_state, review_due_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)',
  );
  const insWallet = db.prepare(
    "INSERT INTO wallets (id, customer_seq, asset, chain, address, status, type, balance_units, created_at, updated_at) VALUES (?, ?, 'usdc', 'polygon', ?, 'active', 'internal', ?, ?, ?)",
  );
  const insTxn = db.prepare(
    "INSERT INTO transactions (id, customer_seq, wallet_seq, recipient_seq, dst_wallet_seq, type, status, created_at, doc) VALUES (?, ?, NULL, ?, ?, 'cryptoToCrypto', 'completed', ?, ?)",
  );
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rng() * 16).toString(16)).join('');

  tx(db, () => {
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
      const seq = Number(insCustomer.run(doc.id, email, doc.externalId, doc.status, at, JSON.stringify(doc)).lastInsertRowid);
      for (const t of searchTerms(doc)) insTerm.run(t, seq);
      insTrgm.run(seq, email);

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
        insEnd.run(seq, name, status, JSON.stringify(req), JSON.stringify(status === 'rejected' ? REJECTED : []), review, at);
      }
      if ((profile === 'active' || profile === 'noId') && rng() < 0.5) {
        const micros = Math.floor(rng() * 5_000) * 1_000_000 + Math.floor(rng() * 100) * 10_000;
        const walletId = seededId('wlt', ms, rng);
        const address = `0x${hex(40)}`;
        const walletSeq = Number(insWallet.run(walletId, seq, address, String(micros), at, at).lastInsertRowid);
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
          insTxn.run(txnId, seq, seq, walletSeq, at, JSON.stringify(txn));
        }
      }
    }
  });
  return count;
}
