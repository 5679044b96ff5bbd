import type { Migration } from './migration.ts';

/**
 * The fingerprint of the relay token last saved for a profile, never the token: without a keychain
 * the token lives in memory, and after a restart the console must say it was forgotten (and ask
 * for it again) rather than connect without it and report the relay's refusal.
 */
export const m007WebhookRelayTokenNote: Migration = {
  version: 7,
  name: 'webhook listener: fingerprint of the saved relay token',
  up: `ALTER TABLE webhook_listener_config ADD COLUMN relay_token_fingerprint TEXT;`,
};
