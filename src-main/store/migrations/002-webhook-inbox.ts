import type { Migration } from './migration.ts';

/**
 * Webhook inbox (src-main/webhooks). Every delivery is a row, whatever its verdict, so the event
 * log can show what arrived and why it was refused. `webhook_dedupe` is separate so clearing the
 * log never forgets which event ids were already applied.
 */
export const m002WebhookInbox: Migration = {
  version: 2,
  name: 'webhook inbox, dedupe ids and listener settings',
  up: `
    CREATE TABLE webhook_inbox (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      profile_id TEXT NOT NULL,
      event_id TEXT, type TEXT, customer_id TEXT,
      verdict TEXT NOT NULL, reason TEXT NOT NULL,
      applied INTEGER NOT NULL DEFAULT 0,
      duplicate INTEGER NOT NULL DEFAULT 0,
      -- pending: acknowledged, effect not run yet (resumed after a crash); done | failed | skipped
      state TEXT NOT NULL,
      source TEXT NOT NULL,
      received_at TEXT NOT NULL,
      headers TEXT NOT NULL,
      raw_body BLOB NOT NULL,
      body_truncated INTEGER NOT NULL DEFAULT 0,
      processed_at TEXT, error TEXT
    );
    CREATE INDEX webhook_inbox_received ON webhook_inbox (received_at);
    CREATE INDEX webhook_inbox_customer ON webhook_inbox (customer_id);
    CREATE INDEX webhook_inbox_pending ON webhook_inbox (state) WHERE state = 'pending';
    CREATE TABLE webhook_dedupe (
      profile_id TEXT NOT NULL, event_id TEXT NOT NULL, first_seq INTEGER NOT NULL, received_at TEXT NOT NULL,
      PRIMARY KEY (profile_id, event_id)
    );
    CREATE INDEX webhook_dedupe_received ON webhook_dedupe (received_at);
    CREATE TABLE webhook_listener_config (
      profile_id TEXT PRIMARY KEY, port INTEGER, relay_url TEXT, verification TEXT NOT NULL, updated_at TEXT NOT NULL
    );
  `,
};
