import { createHash } from 'node:crypto';

/** Keychain account names (service `oms-console`). The webhooks subsystem lists `webhookPrefix`. */
export const accounts = {
  apiKey: (profileId: string) => `${profileId}/apiKey`,
  apiSecret: (profileId: string) => `${profileId}/apiSecret`,
  webhookPrefix: (profileId: string) => `${profileId}/webhook/`,
  webhook: (profileId: string, webhookId: string) => `${profileId}/webhook/${webhookId}`,
  /** The webhook relay's per-console token (rly_…); outside `webhookPrefix` so it is never tried as a signing secret. */
  relayToken: (profileId: string) => `${profileId}/relayToken`,
};

/** Enough of SHA-256 to tell two secrets apart on screen; reveals nothing usable. */
export function fingerprint(value: string): string {
  return `sha256:${createHash('sha256').update(value).digest('hex').slice(0, 8)}`;
}
