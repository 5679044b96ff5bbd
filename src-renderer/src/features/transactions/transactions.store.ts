import { create } from 'zustand';
import type { TransactionView } from '#shared/domain/transaction.ts';
import type { PartyName, TransactionFilters } from '#shared/ipc/transactions.contract.ts';
import { api } from '../../lib/api-client.ts';
import { IDLE, LOADING, settled, type Req } from '../../lib/request-state.ts';
import { isFinal } from './money-words.ts';

export type Filters = Omit<TransactionFilters, 'limit' | 'cursor'>;

export interface TransactionsState {
  filters: Filters;
  ids: string[];
  cursor: string | null;
  hasMore: boolean;
  listReq: Req;
  byId: Record<string, TransactionView>;
  detailReq: Record<string, Req>;
  /** Ids being followed until they reach a final status. */
  following: Record<string, true>;
  /** Names of the customers lists show as parties, by customer id (emails masked by main). */
  parties: Record<string, PartyName>;
  setFilters(f: Filters): Promise<void>;
  loadMore(): Promise<void>;
  load(id: string): Promise<void>;
  /** Re-reads `id` every second (see pollMs) until completed or failed (at most `maxMs`): live status. */
  follow(id: string, maxMs?: number): void;
  upsert(t: TransactionView): void;
  /** A money webhook arrived: re-read what is being followed now instead of at the next poll. */
  nudge(): void;
  /** Asks main to name the customers a list shows: each id once, until a profile switch. */
  nameParties(customerIds: readonly string[]): Promise<void>;
  reset(): void;
}

const PAGE = 25;
let listToken = 0;
/** Ids asked for and not yet answered; `partyEpoch` drops answers (names, reads) that arrive after a profile switch. */
const asking = new Set<string>();
let partyEpoch = 0;
/**
 * How often a followed transaction is re-read: the fallback for a webhook that does not come. A
 * journey sets `oms.transactionPollMs` long to prove the webhook alone moves the status.
 */
const pollMs = () => Number(window.localStorage.getItem('oms.transactionPollMs')) || 1000;

export const useTransactions = create<TransactionsState>((set, get) => ({
  filters: {},
  ids: [],
  cursor: null,
  hasMore: false,
  listReq: IDLE,
  byId: {},
  detailReq: {},
  following: {},
  parties: {},

  setFilters: async (filters) => {
    // A newer query wins: an older answer arriving late is dropped, never shown under new filters.
    const token = ++listToken;
    set({ filters, listReq: LOADING(get().listReq) });
    const r = await api().transactions.list({ ...filters, limit: PAGE });
    if (token !== listToken) return;
    if (!r.ok) return set({ listReq: settled(r) });
    set({
      ids: r.data.items.map((t) => t.id),
      byId: { ...get().byId, ...Object.fromEntries(r.data.items.map((t) => [t.id, t])) },
      cursor: r.data.cursor,
      hasMore: r.data.hasMore,
      listReq: settled(r),
    });
  },

  loadMore: async () => {
    const { cursor, filters } = get();
    if (!cursor) return;
    const token = listToken;
    set({ listReq: LOADING(get().listReq) });
    const r = await api().transactions.list({ ...filters, limit: PAGE, cursor });
    if (token !== listToken) return;
    if (!r.ok) return set({ listReq: settled(r) });
    set({
      ids: [...get().ids, ...r.data.items.map((t) => t.id).filter((id) => !get().ids.includes(id))],
      byId: { ...get().byId, ...Object.fromEntries(r.data.items.map((t) => [t.id, t])) },
      cursor: r.data.cursor,
      hasMore: r.data.hasMore,
      listReq: settled(r),
    });
  },

  load: async (id) => {
    // A read started before a profile switch answers for the old profile: dropped.
    const epoch = partyEpoch;
    set({ detailReq: { ...get().detailReq, [id]: LOADING(get().detailReq[id]) } });
    const r = await api().transactions.get({ transactionId: id });
    if (epoch !== partyEpoch) return;
    set({ detailReq: { ...get().detailReq, [id]: settled(r) }, ...(r.ok ? { byId: { ...get().byId, [id]: r.data } } : {}) });
  },

  follow: (id, maxMs = 180_000) => {
    if (get().following[id]) return;
    set({ following: { ...get().following, [id]: true } });
    const until = Date.now() + maxMs;
    const tick = async () => {
      await get().load(id);
      const t = get().byId[id];
      if (!isFinal(t?.status) && Date.now() < until && get().following[id]) setTimeout(() => void tick(), pollMs());
      else {
        const following = { ...get().following };
        delete following[id];
        set({ following });
      }
    };
    setTimeout(() => void tick(), 500);
  },

  upsert: (t) => set({ byId: { ...get().byId, [t.id]: t } }),

  nudge: () => {
    for (const id of Object.keys(get().following)) void get().load(id);
  },

  nameParties: async (customerIds) => {
    // An unresolved one (OMS could not be read) is asked again when a list shows it again.
    const todo = [...new Set(customerIds)].filter((id) => !get().parties[id]?.resolved && !asking.has(id));
    if (!todo.length) return;
    const epoch = partyEpoch;
    for (const id of todo) asking.add(id);
    for (let i = 0; i < todo.length; i += 100) {
      const chunk = todo.slice(i, i + 100);
      const r = await api().transactions.partyNames({ customerIds: chunk });
      if (epoch !== partyEpoch) return;
      for (const id of chunk) asking.delete(id);
      if (r.ok) set({ parties: { ...get().parties, ...Object.fromEntries(r.data.items.map((p) => [p.customerId, p])) } });
    }
  },

  reset: () => {
    listToken++;
    partyEpoch++;
    asking.clear();
    set({ filters: {}, ids: [], cursor: null, hasMore: false, listReq: IDLE, byId: {}, detailReq: {}, following: {}, parties: {} });
  },
}));

export const selectTxn = (id: string | undefined) => (s: TransactionsState) => (id ? s.byId[id] : undefined);
export const selectTxnReq = (id: string | undefined) => (s: TransactionsState) => (id ? (s.detailReq[id] ?? IDLE) : IDLE);
export const selectTxnList = (s: TransactionsState) => s.ids;
export const selectTxnListReq = (s: TransactionsState) => s.listReq;
export const selectTxnFilters = (s: TransactionsState) => s.filters;
export const selectTxnHasMore = (s: TransactionsState) => s.hasMore;
export const selectTxnsById = (s: TransactionsState) => s.byId;
export const selectParty = (customerId: string | null | undefined) => (s: TransactionsState) => (customerId ? s.parties[customerId] : undefined);
