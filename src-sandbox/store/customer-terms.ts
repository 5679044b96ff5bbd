import type { DatabaseSync } from 'node:sqlite';
import { indexWords, words } from '#shared/text/customer-words.ts';
import type { CustomerDoc } from '../types.ts';

/**
 * The words `q` is matched against: each distinct word of the name, id, externalId, wallet ids, email
 * and phone, folded exactly as the console's match rule folds them (one definition, src-shared), so
 * "every word of q starts one of these" is the console's rule, answered by range scans on one index.
 */
export function searchTerms(doc: CustomerDoc, walletIds: readonly string[] = []): string[] {
  return indexWords({ ...doc, walletIds });
}

/** A wallet's id as the owner's terms hold it. */
export const walletTerms = (walletId: string): string[] => words(walletId);

/** Writes a customer's search words; the caller has removed the old ones (or there were none). */
export function indexCustomer(db: DatabaseSync, seq: number, doc: CustomerDoc, walletIds: readonly string[]): void {
  const term = db.prepare('INSERT INTO customer_terms (term, customer_seq) VALUES (?, ?)');
  for (const t of searchTerms(doc, walletIds)) term.run(t, seq);
}

/**
 * Recomputes every customer's terms from the stored documents and wallets, in the live tables and in
 * each snapshot's copies, so a snapshot taken under an older tokenisation restores searchable.
 */
export function rebuildTerms(db: DatabaseSync): void {
  const has = (table: string) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
  const rebuild = (prefix: string, snapName: string | null) => {
    const where = snapName === null ? '' : ' WHERE snap_name = ?';
    const args = snapName === null ? [] : [snapName];
    const wallets = new Map<number, string[]>();
    for (const w of db.prepare(`SELECT customer_seq, id FROM ${prefix}wallets${where}`).all(...args) as { customer_seq: number; id: string }[]) {
      wallets.set(Number(w.customer_seq), [...(wallets.get(Number(w.customer_seq)) ?? []), String(w.id)]);
    }
    const cols = snapName === null ? '' : 'snap_name, ';
    const stmt = db.prepare(`INSERT INTO ${prefix}customer_terms (${cols}term, customer_seq) VALUES (${snapName === null ? '' : '?, '}?, ?)`);
    db.prepare(`DELETE FROM ${prefix}customer_terms${where}`).run(...args);
    for (const c of db.prepare(`SELECT seq, doc FROM ${prefix}customers${where}`).all(...args) as { seq: number; doc: string }[]) {
      const seq = Number(c.seq);
      for (const t of searchTerms(JSON.parse(String(c.doc)) as CustomerDoc, wallets.get(seq) ?? [])) stmt.run(...args, t, seq);
    }
  };
  rebuild('', null);
  if (!has('snap__customers') || !has('snap__customer_terms') || !has('snap__wallets')) return;
  for (const s of db.prepare('SELECT DISTINCT snap_name FROM snap__customers').all() as { snap_name: string }[]) rebuild('snap__', String(s.snap_name));
}
