import type { Migration } from './migration.ts';

/**
 * Rejected (unverified) deliveries keep only a head of their body plus its size and hash, and only
 * the newest of them are kept (forged 1 MiB posts could otherwise fill the disk). `rejected` marks the
 * rows the cap applies to; rows stored before this migration are classified the same way.
 */
export const m003WebhookRejectedBodies: Migration = {
  version: 3,
  name: 'webhook inbox: rejected bodies truncated with size and hash, capped',
  up: `
    ALTER TABLE webhook_inbox ADD COLUMN rejected INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE webhook_inbox ADD COLUMN body_size INTEGER;
    ALTER TABLE webhook_inbox ADD COLUMN body_sha256 TEXT;
    UPDATE webhook_inbox SET rejected = 1 WHERE applied = 0 AND duplicate = 0 AND state = 'skipped';
    UPDATE webhook_inbox SET body_size = length(raw_body);
    CREATE INDEX webhook_inbox_rejected ON webhook_inbox (seq) WHERE rejected = 1;
  `,
};
