import type { DomainHandlers } from '../../ipc/handlers.ts';
import { AppFailure } from '../../ipc/app-failure.ts';
import type { WebhookSubsystem } from '../../webhooks/webhook-subsystem.ts';

/** IPC handlers of the `events` domain: the event log and the listener's settings. */
export function createEventsHandlers(webhooks: WebhookSubsystem): DomainHandlers<'events'> {
  return {
    list: async (q) => webhooks.inbox.list(q),
    get: async ({ seq }) => {
      const d = webhooks.inbox.get(seq);
      if (!d) throw new AppFailure('NOT_FOUND', `No delivery #${seq} in the event log (it may have been cleared).`);
      const { rawBytes: _bytes, profileId: _profile, ...detail } = d;
      return detail;
    },
    replay: async ({ seq }) => {
      const entry = await webhooks.processor.replay(seq);
      if (!entry) throw new AppFailure('NOT_FOUND', `No delivery #${seq} in the event log to replay.`);
      return entry;
    },
    clear: async () => ({ cleared: webhooks.inbox.clear() }),
    listenerStatus: async () => webhooks.status(),
    configureListener: async ({ port, relayUrl, verification }) => {
      try {
        return await webhooks.configure({ port, relayUrl, verification });
      } catch (e) {
        throw new AppFailure('UNAVAILABLE', webhooks.status().detail ?? `The listener could not start: ${String(e)}`);
      }
    },
  };
}
