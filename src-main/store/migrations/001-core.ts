import type { Migration } from './migration.ts';

export const m001Core: Migration = {
  version: 1,
  name: 'core: settings, request log, audit log',
  up: `
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL);
    CREATE TABLE request_log (
      id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, profile_id TEXT NOT NULL,
      method TEXT NOT NULL, path TEXT NOT NULL, status INTEGER, duration_ms REAL NOT NULL,
      attempt INTEGER NOT NULL, idempotency_key TEXT, request_id TEXT, error_code TEXT
    );
    CREATE INDEX request_log_at ON request_log (at);
    CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, os_user TEXT NOT NULL, profile_id TEXT NOT NULL,
      action TEXT NOT NULL, target TEXT, input_summary TEXT NOT NULL, result TEXT NOT NULL
    );
    CREATE INDEX audit_log_action ON audit_log (action);
    -- Append-only: the audit trail cannot be edited or pruned through this database.
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  `,
};
