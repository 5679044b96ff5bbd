/**
 * The names of main's events, without their payload schemas (events.contract.ts), so the renderer's
 * transport can tell an event it knows from one it does not without loading zod at start.
 */
export const EVENT_NAMES = [
  'event.app.heartbeat',
  'event.app.command',
  'event.oms.healthChanged',
  'event.session.profileChanged',
  'event.customers.refetched',
  'event.customers.directoryChanged',
  'event.wallets.changed',
  'event.webhooks.received',
  'event.webhooks.statusChanged',
] as const;
