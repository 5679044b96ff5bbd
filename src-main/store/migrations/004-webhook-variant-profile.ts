import type { Migration } from './migration.ts';

/**
 * Each delivery records which signature variant matched; a profile may pin one;
 * the inbox is listed per profile (the index makes that a range scan).
 */
export const m004WebhookVariantProfile: Migration = {
  version: 4,
  name: 'webhook inbox: matched signature variant, per-profile listing, pinned variant',
  up: `
    ALTER TABLE webhook_inbox ADD COLUMN variant TEXT;
    CREATE INDEX webhook_inbox_profile ON webhook_inbox (profile_id, seq);
    ALTER TABLE webhook_listener_config ADD COLUMN signature_variant TEXT;
  `,
};
