import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { MIGRATIONS } from './migrations.ts';

export type Db = DatabaseSync;
export type Row = Record<string, unknown>;

/** Opens (and migrates) the store; no dataDir means a throwaway in-memory database. */
export function openDb(dataDir?: string): Db {
  let db: DatabaseSync;
  if (dataDir) {
    const file = join(dataDir, 'sandbox.db');
    ownerOnly(dataDir, file);
    db = new DatabaseSync(file);
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
    for (const side of [`${file}-wal`, `${file}-shm`]) if (existsSync(side)) chmodSync(side, 0o600);
  } else {
    db = new DatabaseSync(':memory:');
  }
  db.exec('PRAGMA busy_timeout = 5000;');
  migrate(db);
  cacheStatements(db);
  return db;
}

/**
 * The store holds customers' emails, phones and addresses: owner-only folder (0700) and file (0600),
 * tightened when an older run left them open. SQLite gives -wal and -shm the database file's mode.
 */
function ownerOnly(dir: string, file: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
}

/**
 * Every store prepares its SQL where it runs it; parsing the same text again on each call was the
 * largest cost in a profile (bulk decisions, list requests). Caching by SQL text keeps call sites
 * simple. SQLite re-prepares a cached statement by itself after a schema change. Bounded: dynamic
 * SQL (IN lists, optional filters) has a few hundred variants at most.
 */
function cacheStatements(db: DatabaseSync): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, StatementSync>();
  db.prepare = ((sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      if (cache.size >= 1000) cache.clear();
      stmt = prepare(sql);
      cache.set(sql, stmt);
    }
    return stmt;
  }) as DatabaseSync['prepare'];
}

function migrate(db: Db): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const done = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as Row[]).map((r) => Number(r.version)),
  );
  for (const m of MIGRATIONS) {
    if (done.has(m.version)) continue;
    tx(db, () => {
      db.exec(m.sql);
      m.run?.(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
    });
  }
}

const depth = new WeakMap<Db, number>();

/**
 * Runs fn in one transaction (nested calls join the outer one) so a failing request leaves nothing
 * half-written. fn must be synchronous: node:sqlite is, and an await inside would interleave requests.
 */
export function tx<T>(db: Db, fn: () => T): T {
  const d = depth.get(db) ?? 0;
  if (d > 0) {
    depth.set(db, d + 1);
    try {
      return fn();
    } finally {
      depth.set(db, d);
    }
  }
  db.exec('BEGIN IMMEDIATE');
  depth.set(db, 1);
  try {
    const out = fn();
    db.exec('COMMIT');
    return out;
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  } finally {
    depth.set(db, 0);
  }
}

export function getMeta(db: Db, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as Row | undefined;
  return row ? String(row.value) : undefined;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function parseJson<T>(text: unknown): T {
  return JSON.parse(String(text)) as T;
}
