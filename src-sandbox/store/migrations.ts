/**
 * Numbered, append-only schema migrations. Never edit a shipped migration: add the next number.
 * Search is index-backed by design: `customer_terms` holds each customer's folded words (range scans
 * on one index answer "a word starts with"), `endorsements(name,status)` serves the endorsement filter.
 */
import type { DatabaseSync } from 'node:sqlite';
import { rebuildTerms } from './customer-terms.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Data conversion that SQL alone would make unreadable; runs after `sql`, in the same transaction. */
  run?: (db: DatabaseSync) => void;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'initial',
    sql: `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE credentials (api_key TEXT PRIMARY KEY, salt TEXT NOT NULL, secret_hash TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE tokens (token_hash TEXT PRIMARY KEY, api_key TEXT NOT NULL, expires_at INTEGER NOT NULL);
CREATE TABLE idempotency (scope TEXT PRIMARY KEY, body_hash TEXT NOT NULL, status INTEGER NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL);

CREATE TABLE customers (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, email_lower TEXT, external_id TEXT,
  status TEXT NOT NULL, created_at TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX customers_email ON customers(email_lower);
CREATE INDEX customers_external_id ON customers(external_id);
CREATE INDEX customers_created ON customers(created_at);
CREATE TABLE customer_terms (term TEXT NOT NULL, customer_seq INTEGER NOT NULL);
CREATE INDEX customer_terms_term ON customer_terms(term, customer_seq);
CREATE INDEX customer_terms_seq ON customer_terms(customer_seq);
CREATE VIRTUAL TABLE customer_email_trgm USING fts5(email, tokenize = 'trigram', content = '', contentless_delete = 1);

CREATE TABLE endorsements (
  customer_seq INTEGER NOT NULL, name TEXT NOT NULL, status TEXT NOT NULL, requirements TEXT NOT NULL,
  rejection_reasons TEXT NOT NULL, review_state TEXT, review_due_at INTEGER, updated_at TEXT NOT NULL,
  PRIMARY KEY (customer_seq, name)) WITHOUT ROWID;
CREATE INDEX endorsements_status ON endorsements(name, status, customer_seq);
CREATE INDEX endorsements_due ON endorsements(review_due_at) WHERE review_due_at IS NOT NULL;

CREATE TABLE wallets (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, customer_seq INTEGER NOT NULL, asset TEXT NOT NULL,
  chain TEXT NOT NULL, address TEXT NOT NULL, status TEXT NOT NULL, type TEXT NOT NULL,
  balance_micros INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
  UNIQUE (customer_seq, asset, chain));
CREATE INDEX wallets_address ON wallets(address);
CREATE TABLE transactions (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, customer_seq INTEGER NOT NULL, wallet_seq INTEGER,
  created_at TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX transactions_wallet ON transactions(wallet_seq, seq);
CREATE INDEX transactions_customer ON transactions(customer_seq, seq);

CREATE TABLE webhooks (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, url TEXT NOT NULL, events TEXT NOT NULL,
  enabled INTEGER NOT NULL, status TEXT NOT NULL, compliance_only INTEGER NOT NULL, secret TEXT NOT NULL,
  disabled_reason TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE events (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, customer_id TEXT,
  created_at TEXT NOT NULL, body TEXT NOT NULL);
CREATE INDEX events_customer ON events(customer_id, seq);
CREATE INDEX events_type ON events(type, seq);
CREATE TABLE deliveries (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, event_id TEXT NOT NULL, webhook_id TEXT NOT NULL,
  status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER, kind TEXT NOT NULL,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX deliveries_due ON deliveries(next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_webhook ON deliveries(webhook_id, seq);
CREATE INDEX deliveries_event ON deliveries(event_id);
CREATE TABLE delivery_attempts (
  seq INTEGER PRIMARY KEY, delivery_id TEXT NOT NULL, attempt_no INTEGER NOT NULL, started_at TEXT NOT NULL,
  status_code INTEGER, error TEXT, duration_ms INTEGER NOT NULL, next_attempt_at TEXT);
CREATE INDEX attempts_delivery ON delivery_attempts(delivery_id, seq);

CREATE TABLE external_accounts (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, customer_seq INTEGER NOT NULL, created_at TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX external_accounts_customer ON external_accounts(customer_seq, seq);
CREATE TABLE snapshots (name TEXT PRIMARY KEY, created_at TEXT NOT NULL);
`,
  },
  {
    version: 2,
    name: 'money movement',
    // Balances become exact base-unit integers held as text (18-decimal ETH overflows SQLite's int64
    // micro-units); transactions get the documented parties and lifecycle columns.
    sql: `
ALTER TABLE wallets ADD COLUMN balance_units TEXT NOT NULL DEFAULT '0';
UPDATE wallets SET balance_units = CASE WHEN asset = 'eth' AND balance_micros <> 0 THEN CAST(balance_micros AS TEXT) || '000000000000'
  ELSE CAST(balance_micros AS TEXT) END;
ALTER TABLE transactions ADD COLUMN type TEXT NOT NULL DEFAULT 'cryptoToCrypto';
ALTER TABLE transactions ADD COLUMN status TEXT NOT NULL DEFAULT 'completed';
ALTER TABLE transactions ADD COLUMN recipient_seq INTEGER;
ALTER TABLE transactions ADD COLUMN dst_wallet_seq INTEGER;
ALTER TABLE transactions ADD COLUMN due_at INTEGER;
CREATE INDEX transactions_recipient ON transactions(recipient_seq, seq);
CREATE INDEX transactions_dst_wallet ON transactions(dst_wallet_seq, seq);
CREATE INDEX transactions_due ON transactions(due_at) WHERE due_at IS NOT NULL;
CREATE TABLE quotes (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, customer_seq INTEGER NOT NULL, created_at TEXT NOT NULL, doc TEXT NOT NULL);
CREATE TABLE cash_ins (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, customer_seq INTEGER NOT NULL, code TEXT NOT NULL, created_at TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX cash_ins_code ON cash_ins(code);
CREATE INDEX cash_ins_customer ON cash_ins(customer_seq, seq);
CREATE TABLE funding_accounts (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, customer_seq INTEGER NOT NULL, created_at TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX funding_accounts_customer ON funding_accounts(kind, customer_seq, seq);
`,
    run(db) {
      // Old deposits (`type:'deposit'`, flat `amount`) become the documented shape: a completed
      // cryptoToCrypto transaction with the wallet as destination.
      const rows = db.prepare('SELECT seq, customer_seq, wallet_seq, doc FROM transactions').all() as { seq: number; customer_seq: number; wallet_seq: number | null; doc: string }[];
      const update = db.prepare('UPDATE transactions SET doc = ?, recipient_seq = ?, dst_wallet_seq = ? WHERE seq = ?');
      for (const r of rows) {
        const old = JSON.parse(r.doc) as Record<string, unknown>;
        if (old.type !== 'deposit') continue;
        const amount = String(old.amount ?? '0');
        const fees = { developer: '0.00', gas: '0.00', oms: '0.00', total: '0.00' };
        const leg = { asset: old.asset, network: old.chain, amountGross: amount, amountNet: amount, feesDeducted: fees };
        const doc = {
          id: old.id,
          object: 'transaction',
          type: 'cryptoToCrypto',
          status: 'completed',
          subStatus: 'settled',
          role: 'recipient',
          sender: null,
          recipient: old.customerId,
          source: { ...leg, wallet: { blockchainAddress: (old.source as { blockchainAddress?: string } | undefined)?.blockchainAddress ?? null }, txHash: old.transactionHash ?? null },
          destination: { ...leg, wallet: { id: old.walletId, blockchainAddress: (old.destination as { address?: string } | undefined)?.address ?? null }, txHash: old.transactionHash ?? null },
          quoteId: null,
          error: null,
          createdAt: old.createdAt,
          updatedAt: old.updatedAt,
          completedAt: old.createdAt,
        };
        update.run(JSON.stringify(doc), r.customer_seq, r.wallet_seq, r.seq);
      }
    },
  },
  {
    version: 3,
    name: 'customer term probes',
    // The list query probes "does this customer have a term with this prefix?" per row: covering.
    sql: `
CREATE INDEX customer_terms_seq_term ON customer_terms(customer_seq, term);
DROP INDEX customer_terms_seq;
`,
  },
  {
    version: 4,
    name: 'awaiting reviews',
    // The review-mode GET counts reviews waiting for a human; without this a 100k store scanned 300k rows (~300 ms).
    sql: `CREATE INDEX endorsements_awaiting ON endorsements(customer_seq) WHERE status = 'pending' AND review_state = 'awaiting';`,
  },
  {
    version: 5,
    name: 'q matches word starts',
    // `q` became the console's rule (each word starts a word of a field), so the terms are now single
    // folded words, wallet ids included, and the email trigram index that matched inside words goes.
    sql: 'DROP TABLE customer_email_trgm;',
    run: rebuildTerms,
  },
];

/** Tables that make up "the sandbox's data": what reset clears and snapshots copy. */
export const DATA_TABLES = [
  'customers',
  'customer_terms',
  'endorsements',
  'wallets',
  'transactions',
  'webhooks',
  'events',
  'deliveries',
  'delivery_attempts',
  'external_accounts',
  'quotes',
  'cash_ins',
  'funding_accounts',
  'idempotency',
] as const;
