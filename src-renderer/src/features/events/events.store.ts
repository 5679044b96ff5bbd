import { create } from 'zustand';
import type { InboxDetailView, InboxEntry, ListenerStatus } from '#shared/ipc/inbox.contract.ts';
import type { WebhookVerdict } from '#shared/domain/webhook.ts';
import type { Result } from '#shared/ipc/result.ts';
import { api } from '../../lib/api-client.ts';
import { IDLE, LOADING, settled, type Req } from '../../lib/request-state.ts';

export interface EventFilters {
  type: string;
  customerId: string;
  verdict: WebhookVerdict | '';
}

export interface EventsState {
  bySeq: Record<number, InboxEntry>;
  order: number[];
  hasMore: boolean;
  req: Req;
  filters: EventFilters;
  listener: ListenerStatus | null;
  listenerReq: Req;
  selected: number | null;
  detail: Record<number, { data: InboxDetailView | null; req: Req }>;
  load(): Promise<void>;
  loadOlder(): Promise<void>;
  setFilters(f: Partial<EventFilters>): void;
  received(e: InboxEntry): void;
  loadListener(): Promise<void>;
  setListener(s: ListenerStatus): void;
  select(seq: number | null): Promise<void>;
  replay(seq: number): Promise<Result<InboxEntry>>;
  reset(): void;
}

const MAX_KEPT = 10_000;
let pending: InboxEntry[] = [];
let flushTimer: ReturnType<typeof setTimeout> | null = null;

const matches = (e: InboxEntry, f: EventFilters) =>
  (!f.type || (e.type ?? '').startsWith(f.type)) && (!f.customerId || e.customerId === f.customerId) && (!f.verdict || e.verdict === f.verdict);

const query = (f: EventFilters) => ({
  ...(f.type ? { type: f.type } : {}),
  ...(f.customerId ? { customerId: f.customerId } : {}),
  ...(f.verdict ? { verdict: f.verdict } : {}),
});

export const useEvents = create<EventsState>((set, get) => ({
  bySeq: {},
  order: [],
  hasMore: false,
  req: IDLE,
  filters: { type: '', customerId: '', verdict: '' },
  listener: null,
  listenerReq: IDLE,
  selected: null,
  detail: {},

  load: async () => {
    set({ req: LOADING(get().req) });
    const r = await api().inbox.list({ ...query(get().filters), limit: 200 });
    if (!r.ok) return set({ req: settled(r) });
    const bySeq: Record<number, InboxEntry> = {};
    for (const e of r.data.items) bySeq[e.seq] = e;
    set({ bySeq, order: r.data.items.map((e) => e.seq), hasMore: r.data.hasMore, req: settled(r) });
  },

  loadOlder: async () => {
    const last = get().order[get().order.length - 1];
    if (last === undefined || !get().hasMore) return;
    const r = await api().inbox.list({ ...query(get().filters), limit: 200, beforeSeq: last });
    if (!r.ok) return set({ req: settled(r) });
    const bySeq = { ...get().bySeq };
    for (const e of r.data.items) bySeq[e.seq] = e;
    set({ bySeq, order: [...get().order, ...r.data.items.map((e) => e.seq)], hasMore: r.data.hasMore });
  },

  setFilters: (f) => {
    set({ filters: { ...get().filters, ...f } });
    void get().load();
  },

  received: (e) => {
    // Bursts are coalesced: one store update per 50 ms, not one per delivery (10,000 in a burst
    // would otherwise copy the log 10,000 times).
    pending.push(e);
    flushTimer ??= setTimeout(() => {
      flushTimer = null;
      const batch = pending;
      pending = [];
      const { bySeq: cur, filters } = get();
      // A replay arrives twice (its own answer and the live event): one row per seq.
      const seen = new Set<number>();
      const fresh = batch
        .filter((x) => !cur[x.seq] && !seen.has(x.seq) && seen.add(x.seq) && matches(x, filters))
        .sort((a, b) => b.seq - a.seq);
      if (!fresh.length) return;
      const order = [...fresh.map((x) => x.seq), ...get().order];
      const bySeq = { ...cur };
      for (const x of fresh) bySeq[x.seq] = x;
      // The log is bounded in memory; older rows stay one "Load older" away.
      if (order.length > MAX_KEPT) for (const s of order.splice(MAX_KEPT)) delete bySeq[s];
      set({ bySeq, order, hasMore: get().hasMore || order.length >= MAX_KEPT });
    }, 50);
  },

  loadListener: async () => {
    set({ listenerReq: LOADING(get().listenerReq) });
    const r = await api().inbox.listenerStatus({});
    set({ listenerReq: settled(r), ...(r.ok ? { listener: r.data } : {}) });
  },

  setListener: (s) => set({ listener: s }),

  select: async (seq) => {
    set({ selected: seq });
    if (seq === null || get().detail[seq]?.data) return;
    set({ detail: { ...get().detail, [seq]: { data: null, req: LOADING() } } });
    const r = await api().inbox.get({ seq });
    set({ detail: { ...get().detail, [seq]: { data: r.ok ? r.data : null, req: settled(r) } } });
  },

  replay: async (seq) => {
    const r = await api().inbox.replay({ seq });
    if (r.ok) get().received(r.data);
    return r;
  },

  reset: () => set({ bySeq: {}, order: [], hasMore: false, req: IDLE, selected: null, detail: {}, listener: null }),
}));
