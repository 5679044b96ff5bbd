import type { Migration } from './migration.ts';

/**
 * The verification mode lives in the profile only. The listener table's copy has been a fallback
 * nothing in the app read (the profile always answered first), so dropping it loses no setting
 * the console acted on.
 */
export const m008WebhookListenerDropVerification: Migration = {
  version: 8,
  name: 'webhook listener: verification mode belongs to the profile',
  up: `ALTER TABLE webhook_listener_config DROP COLUMN verification;`,
};
