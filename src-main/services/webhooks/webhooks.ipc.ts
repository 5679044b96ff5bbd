import { randomUUID } from 'node:crypto';
import type { WebhookView } from '#shared/domain/webhook.ts';
import type { DomainHandlers } from '../../ipc/handlers.ts';
import type { OmsWebhook } from '../../oms/webhooks.api.ts';
import { accounts, fingerprint } from '../../secrets/credentials.ts';
import type { SecretVault } from '../../secrets/secret-vault.ts';
import type { OmsSession } from '../session/oms-session.ts';

/** Explicit mapping: `secret` and any unknown OMS field stay behind; only its fingerprint crosses. */
export function toWebhookView(w: OmsWebhook, secret: string | null): WebhookView {
  return {
    id: w.id,
    url: w.url,
    events: [...(w.events ?? [])],
    enabled: w.enabled ?? null,
    status: w.status ?? null,
    complianceOnly: w.complianceOnly ?? null,
    createdAt: w.createdAt ?? null,
    secretFingerprint: secret ? fingerprint(secret) : null,
  };
}

/** webhooks.* — the active profile's OMS endpoints. Their secrets go to the SecretStore, never out. */
export function webhooksHandlers(session: OmsSession, vault: SecretVault): DomainHandlers<'webhooks'> {
  const view = async (profileId: string, w: OmsWebhook): Promise<WebhookView> =>
    toWebhookView(w, w.secret ?? (await vault.get(accounts.webhook(profileId, w.id)).catch(() => null)));
  return {
    list: async (_input, { signal }) => {
      const { profile, webhooks } = await session.apis();
      return Promise.all((await webhooks.list(signal)).map((w) => view(profile.id, w)));
    },
    // OMS shows the secret once, in this answer: it is stored before anything else happens.
    create: async ({ url, events }, { signal }) => {
      const { profile, webhooks } = await session.apis();
      const created = await webhooks.create({ url, events }, randomUUID(), signal);
      if (created.secret) await vault.set(accounts.webhook(profile.id, created.id), created.secret);
      return view(profile.id, created);
    },
    setEnabled: async ({ webhookId, enabled }, { signal }) => {
      const { profile, webhooks } = await session.apis();
      return view(profile.id, await webhooks.setEnabled(webhookId, enabled, signal));
    },
    delete: async ({ webhookId }, { signal }) => {
      const { profile, webhooks } = await session.apis();
      await webhooks.delete(webhookId, signal);
      await vault.delete(accounts.webhook(profile.id, webhookId));
      return { deleted: true };
    },
  };
}
