import { z } from 'zod';
import { WebhookView } from '#shared/domain/webhook.ts';
import type { OmsClient } from './oms-client.ts';
import { anyList } from './pages.ts';

/** A webhook as OMS sends it: the console's view without the fingerprint, plus the one-time secret. */
export const OmsWebhook = WebhookView.omit({ secretFingerprint: true }).extend({
  secret: z.string().nullish(),
});
export type OmsWebhook = z.infer<typeof OmsWebhook>;

const WebhookList = anyList(OmsWebhook);
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
  create(body: { url: string; events: string[]; complianceOnly?: boolean | undefined }, idempotencyKey: string, signal?: AbortSignal): Promise<OmsWebhook> {
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
