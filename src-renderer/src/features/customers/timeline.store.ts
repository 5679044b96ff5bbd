import { create } from 'zustand';
import type { InboxEntry } from '#shared/ipc/inbox.contract.ts';
import type { AuditRow } from '#shared/ipc/logs.contract.ts';
import { api } from '../../lib/api-client.ts';
import { useCustomers } from './customers.store.ts';
import { causeWords, endorsementLabel } from './endorsement-words.ts';
import { actionSentence, resultWords } from '../logs/audit-words.ts';
import { IDLE, LOADING, settled, type Req } from '../../lib/request-state.ts';

export interface TimelineItem {
  key: string;
  at: string;
  kind: 'webhook' | 'operator';
  title: string;
  detail: string;
  tone: 'ok' | 'bad' | 'info';
  /** Operator actions: the channel and redacted input summary, for a details disclosure. */
  raw?: { action: string; inputSummary: string };
  /** Webhooks: the event type as OMS names it. */
  eventType?: string;
}

const sentenceCase = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export interface TimelineState {
  byCustomer: Record<string, { items: TimelineItem[]; req: Req }>;
  load(customerId: string): Promise<void>;
  webhook(entry: InboxEntry): void;
  reset(): void;
}

/**
 * Which endorsements an endorsement event changed. The event names none, but the re-fetch it caused
 * was compared with what was on screen (customers.store `liveLog`): when exactly one such update
 * follows this delivery, its names are this row's. Ambiguous or older rows stay unnamed, never guessed.
 */
function endorsementNames(e: InboxEntry): string {
  if (!e.customerId || !e.type?.startsWith('customer.endorsement.')) return '';
  const at = Date.parse(e.receivedAt);
  const hits = (useCustomers.getState().liveLog[e.customerId] ?? []).filter((l) => l.cause === e.type && l.changed.length > 0 && l.at >= at - 1000 && l.at <= at + 15_000);
  return hits.length === 1 ? `: ${hits[0]!.changed.map((c) => endorsementLabel(c.name)).join(', ')}` : '';
}

const fromWebhook = (e: InboxEntry): TimelineItem => ({
  key: `w${e.seq}`,
  at: e.receivedAt,
  kind: 'webhook',
  title: e.type ? `${sentenceCase(causeWords(e.type))}${endorsementNames(e)}` : 'Unknown event',
  detail: `${e.verdict === 'verified' ? 'Verified' : `Rejected (${e.verdict})`}${e.duplicate ? ' · duplicate' : ''} · ${e.reason}`,
  ...(e.type ? { eventType: e.type } : {}),
  tone: e.verdict === 'verified' ? 'ok' : 'bad',
});

const fromAudit = (a: AuditRow): TimelineItem => ({
  key: `a${a.id}`,
  at: a.at,
  kind: 'operator',
  title: actionSentence(a),
  detail: `by ${a.osUser} · ${resultWords(a.result)}`,
  tone: a.result.startsWith('ok') ? 'info' : 'bad',
  raw: { action: a.action, inputSummary: a.inputSummary },
});

const sortDesc = (items: TimelineItem[]) => [...items].sort((a, b) => b.at.localeCompare(a.at));

/** Bumped by reset (a profile switch): a read started before it answers for the old profile. */
let epoch = 0;
/** The latest read per customer: an older read answered last must not replace a newer one. */
const latest = new Map<string, number>();
let readSeq = 0;

/** Merges webhook deliveries and operator actions for one customer, newest first. */
export const useTimeline = create<TimelineState>((set, get) => ({
  byCustomer: {},
  load: async (customerId) => {
    const mine = { epoch, seq: ++readSeq };
    latest.set(customerId, mine.seq);
    const prev = get().byCustomer[customerId];
    set({ byCustomer: { ...get().byCustomer, [customerId]: { items: prev?.items ?? [], req: LOADING(prev?.req) } } });
    const [ev, au] = await Promise.all([api().inbox.list({ customerId, limit: 100 }), api().logs.audit({ target: customerId, limit: 100 })]);
    if (mine.epoch !== epoch || latest.get(customerId) !== mine.seq) return;
    const items = [...(ev.ok ? ev.data.items.map(fromWebhook) : []), ...(au.ok ? au.data.items.map(fromAudit) : [])];
    // One side failing still shows the other; the error names what is missing.
    const req = !ev.ok ? settled(ev) : !au.ok ? settled(au) : settled(ev);
    set({ byCustomer: { ...get().byCustomer, [customerId]: { items: sortDesc(items), req } } });
  },
  webhook: (entry) => {
    if (!entry.customerId) return;
    const cur = get().byCustomer[entry.customerId];
    if (!cur) return;
    const item = fromWebhook(entry);
    if (cur.items.some((i) => i.key === item.key)) return;
    set({ byCustomer: { ...get().byCustomer, [entry.customerId]: { ...cur, items: sortDesc([item, ...cur.items]) } } });
  },
  reset: () => {
    epoch += 1;
    latest.clear();
    set({ byCustomer: {} });
  },
}));

export const selectTimeline = (customerId: string) => (s: TimelineState) => s.byCustomer[customerId];
export const TIMELINE_IDLE = IDLE;
