import { randomUUID } from 'node:crypto';
import type { WebhookView } from '#shared/domain/webhook.ts';
import { omsCall } from '../../oms/oms-error.ts';
import type { OmsWebhook } from '../../oms/webhooks.api.ts';
import { accounts, fingerprint } from '../../secrets/credentials.ts';
import type { SecretVault } from '../../secrets/secret-vault.ts';
import type { OmsSession } from '../session/oms-session.ts';

/** OMS webhook endpoints of the active profile. Their secrets go to the SecretStore, never out. */
export class WebhooksService {
  #session: OmsSession;
  #vault: SecretVault;

  constructor(session: OmsSession, vault: SecretVault) {
    this.#session = session;
    this.#vault = vault;
  }

  list(signal?: AbortSignal): Promise<WebhookView[]> {
    return omsCall(async () => {
      const { profile, webhooks } = await this.#session.apis();
      const list = await webhooks.list(signal);
      return Promise.all(list.map((w) => this.#view(profile.id, w)));
    });
  }

  /** OMS shows the secret once, in this answer: it is stored before anything else happens. */
  create(input: { url: string; events: string[]; complianceOnly?: boolean | undefined }, signal?: AbortSignal): Promise<WebhookView> {
    const key = randomUUID();
    return omsCall(async () => {
      const { profile, webhooks } = await this.#session.apis();
      const created = await webhooks.create(input, key, signal);
      if (created.secret) await this.#vault.set(accounts.webhook(profile.id, created.id), created.secret);
      return this.#view(profile.id, created);
    });
  }

  setEnabled(webhookId: string, enabled: boolean, signal?: AbortSignal): Promise<WebhookView> {
    return omsCall(async () => {
      const { profile, webhooks } = await this.#session.apis();
      return this.#view(profile.id, await webhooks.setEnabled(webhookId, enabled, signal));
    });
  }

  delete(webhookId: string, signal?: AbortSignal): Promise<{ deleted: boolean }> {
    return omsCall(async () => {
      const { profile, webhooks } = await this.#session.apis();
      await webhooks.delete(webhookId, signal);
      await this.#vault.delete(accounts.webhook(profile.id, webhookId));
      return { deleted: true };
    });
  }

  /** Explicit mapping: `secret` and any unknown OMS field stay behind. */
  async #view(profileId: string, w: OmsWebhook): Promise<WebhookView> {
    const secret = await this.#vault.get(accounts.webhook(profileId, w.id)).catch(() => null);
    return {
      id: w.id,
      url: w.url,
      events: [...w.events],
      enabled: w.enabled,
      status: w.status,
      complianceOnly: w.complianceOnly ?? null,
      createdAt: w.createdAt ?? null,
      secretFingerprint: secret ? fingerprint(secret) : null,
    };
  }
}
