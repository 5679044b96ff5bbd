import type { Migration } from './migration.ts';

/**
 * A duplicate delivery whose bytes equal the first copy's keeps no body of its own, only
 * `body_ref_seq`, the row that holds them (200 replays of one 1 MiB delivery stored 200 MiB).
 * Duplicates already stored whole are turned into references the same way.
 */
export const m006WebhookDuplicateRefs: Migration = {
  version: 6,
  name: 'webhook inbox: duplicates refer to the first copy of their body',
  up: `
    ALTER TABLE webhook_inbox ADD COLUMN body_ref_seq INTEGER;
    CREATE INDEX webhook_inbox_body_ref ON webhook_inbox (body_ref_seq) WHERE body_ref_seq IS NOT NULL;
    UPDATE webhook_inbox AS dup
       SET body_ref_seq = (SELECT d.first_seq FROM webhook_dedupe d WHERE d.profile_id = dup.profile_id AND d.event_id = dup.event_id),
           raw_body = X''
     WHERE dup.duplicate = 1 AND dup.body_truncated = 0 AND EXISTS (
       SELECT 1 FROM webhook_dedupe d JOIN webhook_inbox f ON f.seq = d.first_seq
        WHERE d.profile_id = dup.profile_id AND d.event_id = dup.event_id AND f.seq <> dup.seq AND f.body_ref_seq IS NULL AND f.raw_body = dup.raw_body
     );
  `,
};
