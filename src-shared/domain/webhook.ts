import { z } from 'zod';
import { IsoTimestamp, WebhookId } from './common.ts';

/** An OMS webhook endpoint as the renderer sees it: the secret never leaves main. */
export const WebhookView = z.looseObject({
  id: WebhookId,
  url: z.string(),
  events: z.array(z.string()).default([]),
  enabled: z.boolean(),
  status: z.string(),
  complianceOnly: z.boolean().nullish(),
  createdAt: IsoTimestamp.nullish(),
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
