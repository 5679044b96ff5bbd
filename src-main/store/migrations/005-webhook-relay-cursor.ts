import type { Migration } from './migration.ts';

/**
 * The console's place in a relay channel, per profile and relay URL (a new channel starts
 * afresh). Written only after the delivery it names is in the inbox, so the inbox stays the source
 * of truth and a crash in between re-delivers (deduped) rather than losing anything.
 */
export const m005WebhookRelayCursor: Migration = {
  version: 5,
  name: 'webhook relay: saved cursor per profile and relay URL',
  up: `
    CREATE TABLE webhook_relay_cursor (
      profile_id TEXT NOT NULL,
      relay_url TEXT NOT NULL,
      cursor TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (profile_id, relay_url)
    );
  `,
};
