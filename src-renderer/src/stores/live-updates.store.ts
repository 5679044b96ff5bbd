import { create } from 'zustand';
import type { InboxEntry, ListenerStatus } from '#shared/ipc/inbox.contract.ts';
import type { WebhookVerdict } from '#shared/domain/webhook.ts';
import { api } from '../lib/api-client.ts';

/**
 * Changes that OMS answers with a documented webhook soon after (a transaction's steps, a deposit,
 * a paid cash-in): after one of these succeeds, a delivery is expected. Customer edits and
 * endorsement decisions are left out: their events are sandbox additions or wait on a review.
 */
export const CHANGES_WITH_WEBHOOKS: ReadonlySet<string> = new Set(['transactions.execute', 'cashIns.simulatePayment', 'sandbox.simulateDeposit']);

/** How long a change may go unanswered by any delivery before the screens are called stale. */
export const SILENCE_AFTER_CHANGE_MS = 20_000;

/** Why deliveries are refused: a few words for the sidebar, a sentence for the screens. */
const REFUSED: Partial<Record<WebhookVerdict, [string, string]>> = {
  future_timestamp: ['timestamps ahead of this clock', "their timestamps are ahead of this computer's clock"],
  stale_timestamp: ['timestamps too old', 'their timestamps are too old (this clock is ahead, or a relay held them back)'],
  bad_signature: ['signatures do not match', 'their signatures do not match the webhook secret'],
  unknown_secret: ['no secret for them', 'no webhook secret is known for them'],
  missing_headers: ['no signature headers', 'they arrive without signature headers'],
  malformed_body: ['unreadable bodies', 'their bodies cannot be read'],
};

export type LiveProblem = { kind: 'refused'; verdict: WebhookVerdict; short: string; words: string; at: number } | { kind: 'silent'; since: number; at: number };

interface LiveState {
  listener: ListenerStatus | null;
  /** When the last change that OMS answers with a webhook succeeded; cleared by any delivery. */
  changedAt: number | null;
  /** When the last delivery of any verdict arrived (epoch ms). */
  deliveredAt: number | null;
  /** When the person last refreshed the screen: evidence older than this is already dealt with. */
  refreshedAt: number;
  /**
   * When a refused delivery of an event not yet covered by a refresh last arrived. OMS retries a
   * refused delivery: a retry of an event the screen was refreshed after tells nothing new.
   */
  refusedNewAt: number | null;
  changed(channel: string): void;
  refreshed(): void;
  load(): Promise<void>;
  /** Rows that just joined the inbox list, newest first. */
  arrived(entries: readonly InboxEntry[]): void;
  setListener(l: ListenerStatus): void;
}

/**
 * Whether the screens follow OMS: deliveries refused by the listener (in enforce, nothing they say
 * reaches a screen), or none at all since a change that should have produced one.
 */
export const useLiveUpdates = create<LiveState>((set) => ({
  listener: null,
  changedAt: null,
  deliveredAt: null,
  refreshedAt: 0,
  refusedNewAt: null,
  changed: (channel) => {
    if (CHANGES_WITH_WEBHOOKS.has(channel)) set({ changedAt: Date.now() });
  },
  refreshed: () => {
    for (const id of refusedSeen) covered.add(id);
    set({ refreshedAt: Date.now(), changedAt: null, refusedNewAt: null });
  },
  load: async () => {
    const r = await api().inbox.listenerStatus({});
    if (r.ok) set({ listener: r.data });
  },
  // OMS retries what the listener refused, so only a delivery of an event not seen before answers
  // a change or is news.
  arrived: (entries) => {
    let refusedNew = false;
    let deliveredNew = false;
    for (const e of entries) {
      // A reload of the inbox list brings old rows too: only what just arrived counts.
      if (!e.eventId || Date.parse(e.receivedAt) < Date.now() - 60_000) continue;
      if (!seen.has(e.eventId)) deliveredNew = true;
      seen.add(e.eventId);
      if (e.verdict === 'verified') continue;
      refusedSeen.add(e.eventId);
      if (!covered.has(e.eventId)) refusedNew = true;
    }
    for (const ids of [seen, refusedSeen, covered]) if (ids.size > MAX_IDS) ids.clear();
    if (refusedNew) set({ refusedNewAt: Date.now() });
    if (deliveredNew) set({ deliveredAt: Date.now(), changedAt: null });
  },
  setListener: (listener) => set({ listener }),
}));

/** Event ids seen (any verdict), of refused ones, and of refused ones a refresh has covered (bounded). */
const seen = new Set<string>();
const refusedSeen = new Set<string>();
const covered = new Set<string>();
const MAX_IDS = 2000;

/** What keeps the screens from being live right now, or null; `now` drives the silence check. */
export function liveProblem(s: Pick<LiveState, 'listener' | 'changedAt'>, now: number): LiveProblem | null {
  const l = s.listener;
  // In report-only a refused delivery is still applied: the screens follow it.
  if (l && l.verification === 'enforce' && l.lastVerdict && l.lastVerdict !== 'verified') {
    const [short, words] = REFUSED[l.lastVerdict] ?? [l.lastVerdict, l.lastVerdict];
    return { kind: 'refused', verdict: l.lastVerdict, short, words, at: l.lastEventAt ? Date.parse(l.lastEventAt) : now };
  }
  if (s.changedAt !== null && now - s.changedAt >= SILENCE_AFTER_CHANGE_MS) return { kind: 'silent', since: s.changedAt, at: s.changedAt };
  return null;
}

export const selectListener = (s: LiveState) => s.listener;
export const selectChangedAt = (s: LiveState) => s.changedAt;
export const selectRefreshedAt = (s: LiveState) => s.refreshedAt;
export const selectRefusedNewAt = (s: LiveState) => s.refusedNewAt;
