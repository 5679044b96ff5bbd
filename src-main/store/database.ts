import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { securePrivateDir, securePrivateFile } from '../lib/private-files.ts';
import { migrations } from './migrations/index.ts';
import type { Migration } from './migrations/migration.ts';

export type Db = DatabaseSync;

/** Opens the console's local store (WAL) and brings its schema up to date. */
export function openDatabase(path: string): Db {
  if (path === ':memory:') return migrated(openConnection(path));
  securePrivateDir(dirname(path));
  // SQLite gives the -wal and -shm files the mode of the database file: 0600 from the start.
  securePrivateFile(path);
  const db = migrated(openConnection(path));
  for (const side of [`${path}-wal`, `${path}-shm`]) if (existsSync(side)) securePrivateFile(side);
  return db;
}

function migrated(db: Db): Db {
  migrate(db, migrations);
  return db;
}

/**
 * One more connection to a store main has already opened and migrated (a worker thread's own: a
 * connection cannot be shared across threads). Same settings; a writer waits for the other's
 * commit rather than failing.
 */
export function openConnection(path: string): Db {
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
  return db;
}

export function migrate(db: Db, list: readonly Migration[]): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version),
  );
  const sorted = [...list].sort((a, b) => a.version - b.version);
  for (const m of sorted) {
    if (applied.has(m.version)) continue;
    db.exec('BEGIN');
    try {
      db.exec(m.up);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
      db.exec('COMMIT');
    } catch (e) {
      db.exec('ROLLBACK');
      throw e;
    }
  }
}

/** Runs fn in a transaction (node:sqlite has no helper for it). */
export function transaction<T>(db: Db, fn: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const out = fn();
    db.exec('COMMIT');
    return out;
  } catch (e) {
    db.exec('ROLLBACK');
    throw e;
  }
}
