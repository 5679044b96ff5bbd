import { z } from 'zod';

/**
 * An OMS webhook endpoint as the renderer sees it: the secret never leaves main. `enabled` and
 * `status` are optional in OMS's answers (the docs mark only `complianceOnly` required), so they
 * may be null; `complianceOnly` is shown, never sent (only OMS's admin API sets it).
 */
export const WebhookView = z.strictObject({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  enabled: z.boolean().nullable(),
  status: z.string().nullable(),
  complianceOnly: z.boolean().nullable(),
  createdAt: z.string().nullable(),
  secretFingerprint: z.string().nullable(),
});
export type WebhookView = z.infer<typeof WebhookView>;

/**
 * The HMAC-SHA256 variants the receiver tries, in order (the docs publish only the header name and
 * the hex `whsec_` secret): key as the hex bytes or the ASCII secret, signature base64 or hex,
 * `v1,<sig>` or `t=…,v1=…`. The first is Standard Webhooks, the default. A profile may pin one.
 */
export const SIGNATURE_VARIANT_NAMES = [
  'standard-webhooks-v1',
  'standard-webhooks-v1-hex-signature',
  'standard-webhooks-v1-ascii-key',
  'standard-webhooks-v1-ascii-key-hex-signature',
  'timestamped-v1',
  'timestamped-v1-base64-signature',
  'timestamped-v1-ascii-key',
  'timestamped-v1-ascii-key-base64-signature',
] as const;
export const SignatureVariantName = z.enum(SIGNATURE_VARIANT_NAMES);

export const WEBHOOK_VERDICTS = [
  'verified',
  'bad_signature',
  'stale_timestamp',
  'future_timestamp',
  'missing_headers',
  'unknown_secret',
  'malformed_body',
] as const;
export const WebhookVerdict = z.enum(WEBHOOK_VERDICTS);
export type WebhookVerdict = z.infer<typeof WebhookVerdict>;
