import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Row } from '../../../src-sandbox/store/db.ts';
import { MIGRATIONS } from '../../../src-sandbox/store/migrations.ts';

/** A store written by the previous sandbox (schema 1: micro-unit balances, `type:'deposit'`) opens with nothing lost. */
describe('migrations from schema 1', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps balances exactly and rewrites old deposits into the documented transaction shape', () => {
    dir = mkdtempSync(join(tmpdir(), 'oms-sandbox-mig-'));
    const old = new DatabaseSync(join(dir, 'sandbox.db'));
    old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    old.exec(MIGRATIONS[0]!.sql);
    old.prepare('INSERT INTO schema_migrations VALUES (1, ?, ?)').run('initial', '2026-11-01T00:00:00.000Z');
    old.prepare("INSERT INTO customers (seq, id, status, created_at, doc) VALUES (1, 'cst_old', 'active', '2026-11-01T00:00:00.000Z', '{}')").run();
    old.prepare("INSERT INTO wallets (seq, id, customer_seq, asset, chain, address, status, type, balance_micros, created_at, updated_at) VALUES (1, 'wlt_usdc', 1, 'usdc', 'polygon', '0xabc', 'active', 'internal', 12340000, 'x', 'x')").run();
    old.prepare("INSERT INTO wallets (seq, id, customer_seq, asset, chain, address, status, type, balance_micros, created_at, updated_at) VALUES (2, 'wlt_eth', 1, 'eth', 'ethereum', '0xdef', 'active', 'internal', 1500000, 'x', 'x')").run();
    const deposit = { id: 'txn_old', object: 'transaction', type: 'deposit', status: 'completed', customerId: 'cst_old', walletId: 'wlt_usdc', asset: 'usdc', chain: 'polygon', amount: '12.34', destination: { walletId: 'wlt_usdc', address: '0xabc' }, source: { blockchainAddress: '0xfeed' }, transactionHash: '0xhash', createdAt: '2026-11-02T00:00:00.000Z', updatedAt: '2026-11-02T00:00:00.000Z' };
    old.prepare('INSERT INTO transactions (id, customer_seq, wallet_seq, created_at, doc) VALUES (?, 1, 1, ?, ?)').run('txn_old', deposit.createdAt, JSON.stringify(deposit));
    old.close();

    const db = openDb(dir);
    try {
      const balances = (db.prepare('SELECT id, balance_units FROM wallets ORDER BY seq').all() as Row[]).map((r) => [r.id, r.balance_units]);
      // usdc micro-units are usdc base units; eth moves from 6 to 18 decimals.
      expect(balances).toEqual([['wlt_usdc', '12340000'], ['wlt_eth', '1500000000000000000']]);
      const row = db.prepare('SELECT type, status, recipient_seq, dst_wallet_seq, doc FROM transactions').get() as Row;
      expect([row.type, row.status, row.recipient_seq, row.dst_wallet_seq]).toEqual(['cryptoToCrypto', 'completed', 1, 1]);
      const doc = JSON.parse(String(row.doc));
      expect(doc).toMatchObject({
        id: 'txn_old', type: 'cryptoToCrypto', status: 'completed', recipient: 'cst_old',
        source: { amountGross: '12.34', wallet: { blockchainAddress: '0xfeed' }, txHash: '0xhash' },
        destination: { asset: 'usdc', network: 'polygon', amountNet: '12.34', wallet: { id: 'wlt_usdc', blockchainAddress: '0xabc' }, txHash: '0xhash' },
      });
      expect(doc).not.toHaveProperty('amount');
      expect((db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as Row).v).toBe(MIGRATIONS.length);
    } finally {
      db.close();
    }
  });
});
