import { create } from 'zustand';
import type { CustomerView } from '#shared/domain/customer.ts';
import type { EndorsementName } from '#shared/domain/endorsement.ts';
import type { QueueGroup, ReviewQueue, ReviewQueueEntry } from '#shared/ipc/customers.contract.ts';
import { api } from '../../lib/api-client.ts';
import { IDLE, LOADING, settled, type Req } from '../../lib/request-state.ts';
import { useSandbox } from '../../stores/sandbox.store.ts';
import { useCustomers } from '../customers/customers.store.ts';

export type QueueState = 'pending' | 'rejected' | 'incomplete';
export interface QueueFilters {
  endorsement?: EndorsementName | undefined;
  state?: QueueState | undefined;
}

export interface ReviewsState {
  filters: QueueFilters;
  /** Decisions first, then customers waiting on themselves; each oldest first. */
  items: ReviewQueueEntry[];
  total: number;
  counts: ReviewQueue['counts'];
  complete: boolean;
  req: Req;
  /** The last customer that left the queue or its group, and where it sat: "next" after it is whoever moved up. */
  left: { customerId: string; index: number } | null;
  /** Bumped per load so an answer to older filters is dropped. */
  seq: number;
  load(filters?: QueueFilters): Promise<void>;
  /** A fresh read of a customer: moves it between groups, adds it, or drops it when nothing waits. */
  reconcile(c: CustomerView): void;
  reset(): void;
}

const QUEUED: readonly string[] = ['pending', 'rejected', 'incomplete'];
const NO_COUNTS = { decision: 0, customer: 0 };

/** The entry a customer has in the queue under these filters (the server's rule), or null. */
export function queueEntryFor(c: CustomerView, f: QueueFilters): ReviewQueueEntry | null {
  if (c.status !== 'active') return null;
  const hits = c.endorsements.filter((e) => (!f.endorsement || e.name === f.endorsement) && (f.state ? e.status === f.state : QUEUED.includes(e.status)));
  if (hits.length === 0) return null;
  const times = hits.map((e) => e.updatedAt).filter((t): t is string => t !== null).sort();
  return {
    customerId: c.id,
    name: [c.firstName, c.lastName].filter(Boolean).join(' ') || c.externalId || c.id,
    waitingSince: times[0] ?? c.updatedAt ?? c.createdAt,
    endorsements: hits.map((e) => ({ name: e.name, status: e.status })),
    group: hits.some((e) => e.status === 'pending') ? 'decision' : 'customer',
  };
}

/** Where an entry of `group` goes: after the last of its group (it is the newest waiting there). */
function insertAt(items: ReviewQueueEntry[], group: QueueGroup): number {
  if (group === 'customer') return items.length;
  const firstCustomer = items.findIndex((e) => e.group === 'customer');
  return firstCustomer < 0 ? items.length : firstCustomer;
}

const bump = (counts: ReviewQueue['counts'], group: QueueGroup | undefined, by: number) => (group ? { ...counts, [group]: Math.max(0, counts[group] + by) } : counts);

export const useReviews = create<ReviewsState>((set, get) => ({
  filters: {},
  items: [],
  total: 0,
  counts: NO_COUNTS,
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
    set({ items: r.data.items, total: r.data.total, counts: r.data.counts, complete: r.data.complete, req: settled(r) });
  },
  reconcile: (c) => {
    const { items, filters, total, counts, req } = get();
    if (req.status !== 'ok') return;
    const i = items.findIndex((e) => e.customerId === c.id);
    const prev = i < 0 ? undefined : items[i]!;
    const next = queueEntryFor(c, filters);
    if (!prev && !next) return;
    const copy = items.filter((e) => e.customerId !== c.id);
    let moved = bump(counts, prev?.group, -1);
    moved = bump(moved, next?.group, +1);
    if (next && prev && prev.group === next.group) copy.splice(i, 0, { ...next, waitingSince: prev.waitingSince });
    else if (next) copy.splice(insertAt(copy, next.group), 0, next);
    set({
      items: copy,
      counts: moved,
      total: Math.max(0, total + (next ? 1 : 0) - (prev ? 1 : 0)),
      // Out of the queue, or into the other group: either way "next" is whoever moved up into its place.
      ...(prev && prev.group !== next?.group ? { left: { customerId: c.id, index: i } } : {}),
    });
  },
  reset: () => set({ items: [], total: 0, counts: NO_COUNTS, complete: true, req: IDLE, left: null, seq: get().seq + 1 }),
}));

// The sandbox's count of pending reviews changes with every decision and webhook too; read it again
// once a burst of changes has settled rather than once per customer.
let statusTimer: ReturnType<typeof setTimeout> | null = null;
function reloadSandboxSoon(): void {
  statusTimer ??= setTimeout(() => {
    statusTimer = null;
    void useSandbox.getState().load();
  }, 400);
}

// Every fresh customer read (webhook-driven or not) lands in the customers store: follow it, so a
// customer joins, moves or leaves live when its state changes, whoever changed it.
useCustomers.subscribe((s, prev) => {
  if (s.byId === prev.byId) return;
  if (Object.keys(prev.byId).length > 0 && Object.keys(s.byId).length === 0) return useReviews.getState().reset();
  let changed = false;
  for (const [id, c] of Object.entries(s.byId)) {
    if (prev.byId[id] === c) continue;
    changed = true;
    useReviews.getState().reconcile(c);
  }
  if (changed && useReviews.getState().req.status === 'ok') reloadSandboxSoon();
});

export const selectQueue = (s: ReviewsState) => s;
