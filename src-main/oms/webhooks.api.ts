import { z } from 'zod';
import type { OmsClient } from './oms-client.ts';
import { omsPage } from './pages.ts';

/** A webhook as OMS sends it (oms-api.md §7), with the secret it shows once (and some pages on GET). */
export const OmsWebhook = z.looseObject({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()).nullish(),
  enabled: z.boolean().nullish(),
  status: z.string().nullish(),
  complianceOnly: z.boolean().nullish(),
  createdAt: z.string().nullish(),
  secret: z.string().nullish(),
});
export type OmsWebhook = z.infer<typeof OmsWebhook>;

const WebhookList = omsPage(OmsWebhook).transform((p) => p.items);
const Deleted = z.unknown();

/** OMS webhook management (oms-api.md §7); list and delete are the sandbox's "full CRUD" choice. */
export class WebhooksApi {
  #c: OmsClient;
  constructor(client: OmsClient) {
    this.#c = client;
  }

  list(signal?: AbortSignal): Promise<OmsWebhook[]> {
    return this.#c.request({ method: 'GET', path: '/webhooks', query: { limit: 100 }, schema: WebhookList, what: 'webhook list', signal });
  }

  /** The answer carries `secret` once; the caller must keep it in the SecretStore and drop it. */
  create(body: { url: string; events: string[] }, idempotencyKey: string, signal?: AbortSignal): Promise<OmsWebhook> {
    return this.#c.request({ method: 'POST', path: '/webhooks', body, idempotencyKey, schema: OmsWebhook, what: 'webhook', signal });
  }

  setEnabled(webhookId: string, enabled: boolean, signal?: AbortSignal): Promise<OmsWebhook> {
    const path = `/webhooks/${encodeURIComponent(webhookId)}`;
    return this.#c.request({ method: 'PATCH', path, body: { enabled }, schema: OmsWebhook, what: 'webhook', signal });
  }

  async delete(webhookId: string, signal?: AbortSignal): Promise<void> {
    const path = `/webhooks/${encodeURIComponent(webhookId)}`;
    await this.#c.request({ method: 'DELETE', path, schema: Deleted, what: 'webhook', signal });
  }
}
