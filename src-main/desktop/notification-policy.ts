import { DEFAULT_NOTIFICATION_PREFS, NOTIFICATION_PREFS_KEY, NotificationPrefs } from '#shared/domain/desktop-prefs.ts';
import type { EventName } from '#shared/events/events.contract.ts';

/** Notification kinds the user can switch off one by one in Settings. */
export type NotificationKind = 'endorsementDecided' | 'fundsCompleted' | 'listenerDown';
export type NotificationSettings = Record<NotificationKind, boolean>;
export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = DEFAULT_NOTIFICATION_PREFS;

export interface BusEvent {
  name: EventName | string;
  payload: unknown;
}
export interface Notice {
  kind: NotificationKind;
  title: string;
  body: string;
}
/** What the policy remembers between events: the listener's last state, to notify on the way down only. */
export interface PolicyMemory {
  listenerState?: string;
}
interface OpenCustomersLike {
  has(customerId: string): boolean;
}

const DECIDED = /^customer\.endorsement\.(granted|rejected|revoked)$/;
const VERB: Record<string, string> = { granted: 'granted', rejected: 'rejected', revoked: 'revoked' };
const HEALTHY = new Set(['listening', 'relay-connected']);
const DOWN: Record<string, string> = {
  stopped: 'The webhook listener stopped: screens no longer update live.',
  reconnecting: 'The relay connection dropped; the console is reconnecting. Screens may be out of date.',
  stale: 'No sign of life from the relay: screens may be out of date.',
};
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
// Ids only reach a notification if they are well-formed: nothing free-form from a webhook is echoed.
const safeId = (v: unknown, prefix: string): string | null => (typeof v === 'string' && v.length <= 64 && new RegExp(`^${prefix}_[A-Za-z0-9]+$`).test(v) ? v : null);

function endorsementSummary(customer: unknown): string {
  if (!isObj(customer) || !Array.isArray(customer.endorsements)) return '';
  const parts = customer.endorsements
    .slice(0, 5)
    .filter(isObj)
    .map((e) => `${String(e.name).replace(/[^A-Za-z]/g, '').slice(0, 20)}: ${String(e.status).replace(/[^A-Za-z]/g, '').slice(0, 20)}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/**
 * Which bus events become a native notification. Only what a user waits on, only for customers they
 * have open, and never a name, email or amount: the text names the customer by id, which is on
 * their screen already. `memory` is updated in place for the listener transition.
 */
export function decide(event: BusEvent, settings: NotificationSettings, openCustomers: OpenCustomersLike, memory: PolicyMemory = {}): Notice | null {
  const p = isObj(event.payload) ? event.payload : {};
  switch (event.name) {
    case 'event.customers.refetched': {
      const customerId = safeId(p.customerId, 'cst');
      const m = typeof p.cause === 'string' ? DECIDED.exec(p.cause) : null;
      if (!settings.endorsementDecided || !customerId || !m || !openCustomers.has(customerId)) return null;
      const verb = VERB[m[1]!]!;
      return { kind: 'endorsementDecided', title: `Endorsement ${verb}`, body: `Customer ${customerId}: an endorsement was ${verb}${endorsementSummary(p.customer)}.` };
    }
    case 'event.wallets.changed': {
      const customerId = safeId(p.customerId, 'cst');
      const walletId = safeId(p.walletId, 'wlt');
      const cause = typeof p.cause === 'string' ? p.cause : '';
      const deposit = cause === 'wallet.depositDetected';
      const completed = /^(transaction|cashIn)\.([A-Za-z]+\.)?completed$/.test(cause);
      if (!settings.fundsCompleted || !customerId || !(deposit || completed) || !openCustomers.has(customerId)) return null;
      const where = walletId ? `wallet ${walletId} of customer ${customerId}` : `customer ${customerId}`;
      return deposit
        ? { kind: 'fundsCompleted', title: 'Deposit received', body: `A deposit arrived in ${where}.` }
        : { kind: 'fundsCompleted', title: 'Transaction completed', body: `A transaction completed for ${where}.` };
    }
    case 'event.webhooks.statusChanged': {
      const state = typeof p.state === 'string' ? p.state : '';
      const before = memory.listenerState;
      memory.listenerState = state;
      // A status update repeats on every delivery; only the step from healthy to down is news.
      if (!settings.listenerDown || before === undefined || !HEALTHY.has(before) || !(state in DOWN)) return null;
      return { kind: 'listenerDown', title: 'Live updates interrupted', body: DOWN[state]! };
    }
    default:
      return null;
  }
}

/** Where the Settings screen keeps the per-kind switches (a non-secret row in the settings store). */
export const NOTIFICATION_SETTINGS_KEY = NOTIFICATION_PREFS_KEY;
/** The same shape Settings → Desktop writes (one schema, in src-shared). */
export const NotificationSettingsSchema = NotificationPrefs;
