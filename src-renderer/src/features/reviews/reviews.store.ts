import { create } from 'zustand';
import type { CustomerView } from '#shared/domain/customer.ts';
import type { EndorsementName } from '#shared/domain/endorsement.ts';
import type { ReviewQueueEntry } from '#shared/ipc/customers.contract.ts';
import { api } from '../../lib/api-client.ts';
import { IDLE, LOADING, settled, type Req } from '../../lib/request-state.ts';
import { useCustomers } from '../customers/customers.store.ts';

export type QueueState = 'pending' | 'rejected' | 'incomplete';
export interface QueueFilters {
  endorsement?: EndorsementName | undefined;
  state?: QueueState | undefined;
}

export interface ReviewsState {
  filters: QueueFilters;
  items: ReviewQueueEntry[];
  total: number;
  complete: boolean;
  req: Req;
  /** The last customer that left the queue and where it sat: "next" after it is whoever moved up. */
  left: { customerId: string; index: number } | null;
  /** Bumped per load so an answer to older filters is dropped. */
  seq: number;
  load(filters?: QueueFilters): Promise<void>;
  /** A fresh read of a customer: drops it from the queue when nothing matching waits any more. */
  reconcile(c: CustomerView): void;
  reset(): void;
}

const QUEUED: readonly string[] = ['pending', 'rejected', 'incomplete'];

/** The entry a customer would have in the queue under these filters, or null when it has left. */
export function queueEntryFor(c: CustomerView, f: QueueFilters, prev: ReviewQueueEntry): ReviewQueueEntry | null {
  if (c.status !== 'active') return null;
  const hits = c.endorsements.filter((e) => (!f.endorsement || e.name === f.endorsement) && (f.state ? e.status === f.state : QUEUED.includes(e.status)));
  if (hits.length === 0) return null;
  return { ...prev, endorsements: hits.map((e) => ({ name: e.name, status: e.status })) };
}

export const useReviews = create<ReviewsState>((set, get) => ({
  filters: {},
  items: [],
  total: 0,
  complete: true,
  req: IDLE,
  left: null,
  seq: 0,
  load: async (filters = get().filters) => {
    const seq = get().seq + 1;
    set({ filters, seq, req: LOADING(get().req) });
    const r = await api().customers.queue({ ...(filters.endorsement ? { endorsement: filters.endorsement } : {}), ...(filters.state ? { state: filters.state } : {}) });
    if (get().seq !== seq) return;
    if (!r.ok) return set({ req: settled(r) });
    set({ items: r.data.items, total: r.data.total, complete: r.data.complete, req: settled(r) });
  },
  reconcile: (c) => {
    const { items, filters, total } = get();
    const i = items.findIndex((e) => e.customerId === c.id);
    if (i < 0) return;
    const next = queueEntryFor(c, filters, items[i]!);
    if (next) {
      const copy = [...items];
      copy[i] = next;
      set({ items: copy });
    } else {
      set({ items: items.filter((e) => e.customerId !== c.id), total: Math.max(0, total - 1), left: { customerId: c.id, index: i } });
    }
  },
  reset: () => set({ items: [], total: 0, complete: true, req: IDLE, left: null, seq: get().seq + 1 }),
}));

// Every fresh customer read (webhook-driven or not) lands in the customers store: follow it, so a
// customer leaves the queue live when its state changes, whoever changed it.
useCustomers.subscribe((s, prev) => {
  if (s.byId === prev.byId) return;
  if (Object.keys(prev.byId).length > 0 && Object.keys(s.byId).length === 0) return useReviews.getState().reset();
  for (const [id, c] of Object.entries(s.byId)) if (prev.byId[id] !== c) useReviews.getState().reconcile(c);
});

export const selectQueue = (s: ReviewsState) => s;
