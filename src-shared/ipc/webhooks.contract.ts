import { z } from 'zod';
import { WebhookId } from '../domain/common.ts';
import { WebhookView } from '../domain/webhook.ts';
import { mutation, NoInput, query } from './operation.ts';

export const webhooksContract = {
  /** The OMS webhook endpoints registered for the active profile. */
  list: query('webhooks.list', 'OMS webhook endpoints of the active profile.', NoInput, z.array(WebhookView)),
  /** Registers an endpoint with OMS; its one-time secret goes straight to the keychain. */
  create: mutation(
    'webhooks.create',
    'Registers an OMS webhook endpoint; its secret is kept in the keychain.',
    z.object({
      url: z
        .url({ protocol: /^https?$/ })
        .max(2048)
        .refine((u) => u.startsWith('https://') || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(u), {
          message: 'must be a public https URL (OMS delivers only to HTTPS); plain http is accepted only for a loopback receiver',
        }),
      events: z.array(z.string().max(80).regex(/^[a-zA-Z.*]{1,80}$/)).max(50).default([]),
    }),
    WebhookView,
  ),
  /** Pauses or resumes an endpoint. */
  setEnabled: mutation('webhooks.setEnabled', 'Pauses or resumes an OMS webhook endpoint.', z.object({ webhookId: WebhookId, enabled: z.boolean() }), WebhookView),
  /** Deletes an endpoint and forgets its secret. */
  delete: mutation('webhooks.delete', 'Deletes an OMS webhook endpoint.', z.object({ webhookId: WebhookId }), z.strictObject({ deleted: z.boolean() })),
};
