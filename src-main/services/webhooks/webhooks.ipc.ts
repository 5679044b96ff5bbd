import type { DomainHandlers } from '../../ipc/handlers.ts';
import type { WebhooksService } from './webhooks.service.ts';

/** webhooks.* — thin adapters over WebhooksService. */
export function webhooksHandlers(s: WebhooksService): DomainHandlers<'webhooks'> {
  return {
    list: (_input, ctx) => s.list(ctx.signal),
    create: ({ url, events, complianceOnly }, ctx) => s.create({ url, events, complianceOnly }, ctx.signal),
    setEnabled: ({ webhookId, enabled }, ctx) => s.setEnabled(webhookId, enabled, ctx.signal),
    delete: ({ webhookId }, ctx) => s.delete(webhookId, ctx.signal),
  };
}
