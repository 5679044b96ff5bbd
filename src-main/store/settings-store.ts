import type { z } from 'zod';
import type { Db } from './database.ts';

/**
 * Non-secret settings as JSON values in the `settings` table. Values are parsed on read with the
 * caller's schema, so a hand-edited or older value falls back instead of crashing the console.
 */
export class SettingsStore {
  #db: Db;
  // Read on every OMS call (the active profile): prepared once, not per read.
  #select: ReturnType<Db['prepare']> | null = null;

  constructor(db: Db) {
    this.#db = db;
  }

  get<S extends z.ZodType>(key: string, schema: S, fallback: z.output<S>): z.output<S> {
    this.#select ??= this.#db.prepare('SELECT value FROM settings WHERE key = ?');
    const row = this.#select.get(key) as { value: string } | undefined;
    if (!row) return fallback;
    try {
      const parsed = schema.safeParse(JSON.parse(row.value));
      return parsed.success ? parsed.data : fallback;
    } catch {
      return fallback;
    }
  }

  set(key: string, value: unknown): void {
    this.#db
      .prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
      .run(key, JSON.stringify(value), new Date().toISOString());
  }

  delete(key: string): void {
    this.#db.prepare('DELETE FROM settings WHERE key = ?').run(key);
  }
}
