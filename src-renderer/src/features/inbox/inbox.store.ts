import { create } from 'zustand';
import type { InboxDetailView, InboxEntry, ListenerStatus } from '#shared/ipc/inbox.contract.ts';
import type { WebhookVerdict } from '#shared/domain/webhook.ts';
import type { Result } from '#shared/ipc/result.ts';
import { api } from '../../lib/api-client.ts';
import { IDLE, LOADING, settled, type Req } from '../../lib/request-state.ts';

export interface InboxFilters {
  type: string;
  customerId: string;
  verdict: WebhookVerdict | '';
}

export interface InboxState {
  bySeq: Record<number, InboxEntry>;
  order: number[];
  hasMore: boolean;
  req: Req;
  olderReq: Req;
  /** Bumped per list load so a slow answer to an older filter is dropped. */
  seq: number;
  filters: InboxFilters;
  listener: ListenerStatus | null;
  listenerReq: Req;
  selected: number | null;
  detail: Record<number, { data: InboxDetailView | null; req: Req }>;
  load(): Promise<void>;
  loadOlder(): Promise<void>;
  setFilters(f: Partial<InboxFilters>): void;
  received(e: InboxEntry): void;
  loadListener(): Promise<void>;
  setListener(s: ListenerStatus): void;
  select(seq: number | null): Promise<void>;
  replay(seq: number): Promise<Result<InboxEntry>>;
  reset(): void;
}

const MAX_KEPT = 10_000;
let pending: InboxEntry[] = [];
let flushQueued = false;
// Bumped by reset: a flush queued for the old profile finds it changed and drops its batch.
let generation = 0;
// The list load (and its older page) in flight: a new filter aborts them, so main stops reading
// for a filter nobody waits for and a slow answer cannot overwrite a newer one.
let listCtl: AbortController | null = null;
let olderCtl: AbortController | null = null;
const abortLoads = () => {
  listCtl?.abort();
  olderCtl?.abort();
  listCtl = olderCtl = null;
};

const matches = (e: InboxEntry, f: InboxFilters) =>
  (!f.type || (e.type ?? '').startsWith(f.type)) && (!f.customerId || e.customerId === f.customerId) && (!f.verdict || e.verdict === f.verdict);

const query = (f: InboxFilters) => ({
  ...(f.type ? { type: f.type } : {}),
  ...(f.customerId ? { customerId: f.customerId } : {}),
  ...(f.verdict ? { verdict: f.verdict } : {}),
});

export const useInbox = create<InboxState>((set, get) => ({
  bySeq: {},
  order: [],
  hasMore: false,
  req: IDLE,
  olderReq: IDLE,
  seq: 0,
  filters: { type: '', customerId: '', verdict: '' },
  listener: null,
  listenerReq: IDLE,
  selected: null,
  detail: {},

  load: async () => {
    abortLoads();
    const seq = get().seq + 1;
    set({ seq, req: LOADING(get().req), olderReq: IDLE });
    const ctl = (listCtl = new AbortController());
    const r = await api().inbox.list({ ...query(get().filters), limit: 200 }, { signal: ctl.signal });
    if (get().seq !== seq || ctl.signal.aborted) return;
    listCtl = null;
    if (!r.ok) return set({ req: settled(r) });
    const bySeq: Record<number, InboxEntry> = {};
    for (const e of r.data.items) bySeq[e.seq] = e;
    set({ bySeq, order: r.data.items.map((e) => e.seq), hasMore: r.data.hasMore, req: settled(r) });
  },

  loadOlder: async () => {
    const s = get();
    const last = s.order[s.order.length - 1];
    // One older page at a time: a second click while it loads would ask for the same page again.
    if (last === undefined || !s.hasMore || s.olderReq.status === 'loading' || s.req.status === 'loading') return;
    const seq = s.seq;
    set({ olderReq: LOADING(s.olderReq) });
    const ctl = (olderCtl = new AbortController());
    const r = await api().inbox.list({ ...query(s.filters), limit: 200, beforeSeq: last }, { signal: ctl.signal });
    if (get().seq !== seq || ctl.signal.aborted) return;
    olderCtl = null;
    // Shown where the list is, as before: the retry reloads from the newest.
    if (!r.ok) return set({ req: settled(r), olderReq: settled(r) });
    const bySeq = { ...get().bySeq };
    const fresh = r.data.items.filter((e) => !bySeq[e.seq]);
    for (const e of fresh) bySeq[e.seq] = e;
    set({ bySeq, order: [...get().order, ...fresh.map((e) => e.seq)], hasMore: r.data.hasMore, olderReq: settled(r) });
  },

  setFilters: (f) => {
    set({ filters: { ...get().filters, ...f } });
    void get().load();
  },

  received: (e) => {
    // Main already gathers a window's deliveries into one push; the transport then hands them to
    // listeners one at a time, synchronously. Applying them once, after that loop, undoes the
    // fan-out without a second time window: 10,000 in a burst would otherwise copy the log 10,000 times.
    pending.push(e);
    if (flushQueued) return;
    flushQueued = true;
    const gen = generation;
    queueMicrotask(() => {
      flushQueued = false;
      if (gen !== generation) return;
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
    });
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

  reset: () => {
    // Deliveries buffered for the old profile must not land in the new one's list.
    generation++;
    flushQueued = false;
    pending = [];
    abortLoads();
    set({ bySeq: {}, order: [], hasMore: false, req: IDLE, olderReq: IDLE, seq: get().seq + 1, selected: null, detail: {}, listener: null });
  },
}));
