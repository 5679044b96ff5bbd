import { DATA_TABLES } from './migrations.ts';
import { tx, type Db, type Row } from './db.ts';

/**
 * Snapshots are copies of the data tables inside the same database (`snap__<table>` with a
 * snap_name column), so they persist with the store and restore is one transaction.
 * Credentials, tokens, the clock and the meta settings are deliberately not part of a snapshot.
 */
function columnNames(db: Db, table: string): string[] {
  return (db.prepare(`PRAGMA table_info("${table}")`).all() as Row[]).map((r) => String(r.name));
}

/** Columns both tables have: a snapshot taken before a migration restores into the newer table (new columns take their defaults). */
function columns(db: Db, table: string): string {
  const snap = new Set(columnNames(db, `snap__${table}`));
  return columnNames(db, table).filter((c) => snap.has(c)).map((c) => `"${c}"`).join(', ');
}

export function takeSnapshot(db: Db, name: string, nowIso: string): void {
  tx(db, () => {
    for (const table of DATA_TABLES) {
      db.exec(`CREATE TABLE IF NOT EXISTS "snap__${table}" AS SELECT '' AS snap_name, * FROM "${table}" WHERE 0`);
      db.prepare(`DELETE FROM "snap__${table}" WHERE snap_name = ?`).run(name);
      db.prepare(`INSERT INTO "snap__${table}" SELECT ?, * FROM "${table}"`).run(name);
    }
    db.prepare('INSERT OR REPLACE INTO snapshots (name, created_at) VALUES (?, ?)').run(name, nowIso);
  });
}

export function restoreSnapshot(db: Db, name: string): boolean {
  if (!db.prepare('SELECT 1 FROM snapshots WHERE name = ?').get(name)) return false;
  tx(db, () => {
    for (const table of DATA_TABLES) {
      db.exec(`CREATE TABLE IF NOT EXISTS "snap__${table}" AS SELECT '' AS snap_name, * FROM "${table}" WHERE 0`);
      const cols = columns(db, table);
      db.exec(`DELETE FROM "${table}"`);
      db.prepare(`INSERT INTO "${table}" (${cols}) SELECT ${cols} FROM "snap__${table}" WHERE snap_name = ?`).run(name);
    }
  });
  return true;
}

export function listSnapshots(db: Db): { name: string; createdAt: string }[] {
  return (db.prepare('SELECT name, created_at FROM snapshots ORDER BY created_at').all() as Row[]).map((r) => ({ name: String(r.name), createdAt: String(r.created_at) }));
}

/** Clears all sandbox data; credentials, tokens, snapshots and the clock survive a reset. */
export function resetData(db: Db): void {
  tx(db, () => {
    for (const table of DATA_TABLES) db.exec(`DELETE FROM "${table}"`);
  });
}
