import { z } from 'zod';
import { CustomerView } from '../domain/customer.ts';
import { OmsHealthView } from '../domain/oms-health.ts';
import { DirectoryStatus } from '../ipc/customers.contract.ts';
import { InboxEntry, ListenerStatus } from '../ipc/inbox.contract.ts';
import { EVENT_NAMES } from './event-names.ts';

/** Commands the desktop menu and accelerators send to the renderer (which owns navigation). */
export const APP_COMMANDS = [
  'palette.open',
  'navigate.customers',
  'navigate.onboarding',
  'navigate.wallets',
  'navigate.transactions',
  'navigate.inbox',
  'navigate.logs',
  'navigate.settings',
  'profile.switch',
  'data.reload',
] as const;
export type AppCommand = (typeof APP_COMMANDS)[number];

/**
 * Main → renderer events. Names follow `event.<domain>.<pastTense>`. Every payload is a strict
 * schema, parsed in main's event bridge before it leaves (as outputs are): nothing rides along.
 */
export const eventContract = {
  /** Liveness tick from main, every few seconds. */
  'event.app.heartbeat': z.strictObject({ seq: z.number().int(), at: z.string(), uptimeSec: z.number() }),
  /** A menu item or accelerator was chosen in the desktop app. */
  'event.app.command': z.strictObject({ command: z.enum(APP_COMMANDS) }),
  /** OMS's health for the active profile changed (coalesced): reachable, slow, failing, rate-limited. */
  'event.oms.healthChanged': OmsHealthView,
  /** The active profile changed; the renderer drops its cached server data. */
  'event.session.profileChanged': z.strictObject({ profileId: z.string() }),
  /** A customer was re-fetched from OMS after a webhook (coalesced): the API's state, not the event's. */
  'event.customers.refetched': z.strictObject({ customerId: z.string(), customer: CustomerView, cause: z.string() }),
  /** The customer directory made progress or changed state (at most a few times a second). */
  'event.customers.directoryChanged': DirectoryStatus,
  /** A wallet's balance or list changed (deposit, creation). */
  'event.wallets.changed': z.strictObject({ customerId: z.string().nullable(), walletId: z.string().nullable(), cause: z.string() }),
  /** A delivery reached the webhook inbox (any verdict). */
  'event.webhooks.received': InboxEntry,
  /** Listener health changed. */
  'event.webhooks.statusChanged': ListenerStatus,
  // Every name of event-names.ts has a schema here, and no other name is here.
} as const satisfies Record<(typeof EVENT_NAMES)[number], z.ZodType>;

export type EventContract = typeof eventContract;
export type EventName = keyof EventContract;
export type EventPayload<E extends EventName> = z.infer<EventContract[E]>;
export const eventNames: readonly EventName[] = EVENT_NAMES;
