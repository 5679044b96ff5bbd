import type { DomainHandlers } from '../../ipc/handlers.ts';
import { AppFailure } from '../../lib/app-failure.ts';
import type { WebhookSubsystem } from '../../webhooks/webhook-subsystem.ts';
import { REVEAL_TTL_MS } from '../customers/customers.ipc.ts';
import { inboxStats } from './inbox-stats.ts';
import { maskPayload } from './payload-mask.ts';

/** IPC handlers of the `inbox` domain: the delivery log and the listener's settings. */
type ActiveProfile = { id: string; kind: string; webhookVerification: 'enforce' | 'report-only' };

export function createInboxHandlers(webhooks: WebhookSubsystem, activeProfile: () => ActiveProfile, now: () => number = Date.now): DomainHandlers<'inbox'> {
  const activeProfileId = () => activeProfile().id;
  const found = (seq: number) => {
    const d = webhooks.inbox.get(seq);
    // Another profile's delivery is not this screen's to show.
    if (!d || d.profileId !== activeProfileId()) throw new AppFailure('NOT_FOUND', `No delivery #${seq} in the inbox (it may have been cleared).`);
    return d;
  };
  return {
    // The Inbox screen shows the active profile's deliveries only.
    list: async (q) => webhooks.listForActiveProfile(q),
    get: async ({ seq }) => {
      const d = found(seq);
      const { text, masked } = maskPayload(d.rawBody);
      return {
        seq: d.seq,
        eventId: d.eventId,
        type: d.type,
        customerId: d.customerId,
        verdict: d.verdict,
        reason: d.reason,
        applied: d.applied,
        duplicate: d.duplicate,
        source: d.source,
        receivedAt: d.receivedAt,
        variant: d.variant,
        bodySize: d.bodySize,
        bodySha256: d.bodySha256,
        headers: d.headers,
        body: text,
        piiMasked: masked,
        bodyTruncated: d.bodyTruncated,
      };
    },
    // The dispatcher writes the audit row (with the reason given) for every call.
    revealBody: async ({ seq }) => ({ seq, body: found(seq).rawBody, expiresAt: new Date(now() + REVEAL_TTL_MS).toISOString() }),
    replay: async ({ seq }) => {
      const r = await webhooks.processor.replay(seq);
      if ('missing' in r) throw new AppFailure('NOT_FOUND', `No delivery #${seq} in the inbox to replay.`);
      if ('otherProfile' in r) {
        throw new AppFailure('FORBIDDEN', `Delivery #${seq} arrived under profile "${r.otherProfile}", not the active one: switch to that profile to replay it.`, { field: 'seq' });
      }
      return r.entry;
    },
    clear: async () => ({ cleared: webhooks.inbox.clear(activeProfileId()) }),
    listenerStatus: async () => webhooks.status(),
    stats: async ({ minutes }) => inboxStats(webhooks.inbox.store, activeProfileId(), minutes ?? 60, now()),
    // The token goes to the keychain; the answer carries its fingerprint only (ListenerStatus.relay).
    configureListener: async ({ port, relayUrl, signatureVariant, relayToken }) => {
      try {
        return await webhooks.configure({ port, relayUrl, signatureVariant, relayToken });
      } catch (e) {
        throw new AppFailure('UNAVAILABLE', webhooks.status().detail ?? `The listener could not start: ${String(e)}`);
      }
    },
  };
}
