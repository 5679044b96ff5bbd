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
