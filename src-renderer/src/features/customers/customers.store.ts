import { create } from 'zustand';
import type { CustomerRowView, CustomerView } from '#shared/domain/customer.ts';
import type { EndorsementName } from '#shared/domain/endorsement.ts';
import type { CustomerSearchPage, DirectoryStatus } from '#shared/ipc/customers.contract.ts';
import type { Result } from '#shared/ipc/result.ts';
import { api } from '../../lib/api-client.ts';
import { mutate } from '../../stores/mutate.ts';
import { IDLE, LOADING, settled, type Req } from '../../lib/request-state.ts';
import { parseSearch, type ParsedSearch } from './search-syntax.ts';

const PAGE = 50;

export interface SearchState {
  text: string;
  parsed: ParsedSearch;
  ids: string[];
  hasMore: boolean;
  cursor: string | null;
  req: Req;
  moreReq: Req;
  /** Bumped per search so a slow answer to an older query is dropped. */
  seq: number;
  /** The search whose rows are on screen: a new answer, not a new key, resets the list's highlight. */
  shownSeq: number;
  /** The text the rows on screen answer (it differs from `text` while a newer search runs). */
  shownText: string;
  /** Where the rows on screen came from, and what main left out. */
  meta: Pick<CustomerSearchPage, 'source' | 'dropped' | 'withheld'> | null;
}

export interface Revealed {
  email?: string | null;
  phone?: string | null;
  expiresAt: number;
}

export interface LiveEntry {
  at: number;
  cause: string;
  seq: number;
  /** Endorsements whose status this update changed, e.g. `[{ name: 'basic', status: 'active' }]`. */
  changed: { name: string; status: string }[];
}

export interface CustomersState {
  /** Full views: from `customers.get`, a mutation or a webhook re-fetch. */
  byId: Record<string, CustomerView>;
  /** Search result rows (the Customers list, the pickers); kept in step with `byId` when a full view lands. */
  rows: Record<string, CustomerRowView>;
  detail: Record<string, Req>;
  /** When a webhook-driven update last landed, per customer (drives "updated just now"). */
  liveAt: Record<string, { at: number; cause: string }>;
  /** The last live updates per customer, newest first (the customer view's notification panel). */
  liveLog: Record<string, LiveEntry[]>;
  search: SearchState;
  /** The active profile's customer directory (OMSes without text search), as main last reported it. */
  directory: DirectoryStatus | null;
  setDirectory(s: DirectoryStatus): void;
  revealed: Record<string, Revealed>;
  revealReq: Record<string, Req>;
  runSearch(text: string): Promise<void>;
  loadMore(): Promise<void>;
  load(id: string): Promise<Result<CustomerView>>;
  upsert(c: CustomerView): void;
  upsertRows(rows: CustomerRowView[]): void;
  applyLive(c: CustomerView, cause: string): void;
  /** News about a customer that carries no customer (a deposit on one of its wallets). */
  noteLive(customerId: string, cause: string): void;
  reveal(id: string, reason: string): Promise<void>;
  remask(id: string): void;
  requestEndorsements(id: string, names: EndorsementName[]): Promise<Result<CustomerView>>;
  reset(): void;
}

const emptySearch = (): SearchState => ({
  text: '',
  parsed: parseSearch(''),
  ids: [],
  hasMore: false,
  cursor: null,
  req: IDLE,
  moreReq: IDLE,
  seq: 0,
  shownSeq: 0,
  shownText: '',
  meta: null,
});

/** The row a full view implies, so a list row follows a live update of its customer. */
const rowOf = (c: CustomerView): CustomerRowView => ({
  id: c.id,
  firstName: c.firstName,
  middleName: c.middleName,
  lastName: c.lastName,
  status: c.status,
  emailMasked: c.emailMasked,
  endorsements: c.endorsements.map((e) => ({ name: e.name, status: e.status })),
  wallets: c.wallets.map((w) => ({ id: w.id })),
  matchedOn: null,
});

/** Every field a results row shows or keeps, compared; the objects come fresh from each answer. */
function sameRow(a: CustomerRowView | undefined, b: CustomerRowView): boolean {
  if (!a) return false;
  const sameList = <T,>(x: readonly T[], y: readonly T[], eq: (p: T, q: T) => boolean) => x.length === y.length && x.every((v, i) => eq(v, y[i]!));
  return (
    a.firstName === b.firstName && a.middleName === b.middleName && a.lastName === b.lastName && a.status === b.status && a.emailMasked === b.emailMasked && a.matchedOn === b.matchedOn &&
    sameList(a.endorsements, b.endorsements, (p, q) => p.name === q.name && p.status === q.status) &&
    sameList(a.wallets, b.wallets, (p, q) => p.id === q.id)
  );
}

// The search (and its next page) in flight: a new search aborts them, so main stops working for a
// query nobody waits for (the bridge cancels the OMS request) and the newest one runs sooner.
let searchCtl: AbortController | null = null;
let moreCtl: AbortController | null = null;
const abortSearches = () => {
  searchCtl?.abort();
  moreCtl?.abort();
  searchCtl = moreCtl = null;
};

let liveSeq = 1;
let lastDirectoryRefresh = 0;
const remaskTimers = new Map<string, ReturnType<typeof setTimeout>>();

export const useCustomers = create<CustomersState>((set, get) => {
  /** Full views into `byId`; a row already listed for one of them follows it. */
  const merge = (items: CustomerView[]): Pick<CustomersState, 'byId'> | Pick<CustomersState, 'byId' | 'rows'> => {
    const byId = { ...get().byId };
    let rows: Record<string, CustomerRowView> | null = null;
    for (const c of items) {
      byId[c.id] = c;
      const listed = get().rows[c.id];
      if (listed) (rows ??= { ...get().rows })[c.id] = { ...rowOf(c), matchedOn: listed.matchedOn };
    }
    return rows ? { byId, rows } : { byId };
  };
  // A row keeps what the search that listed it matched on; a live update of the customer keeps it too.
  // A row equal to the one held stays the same object, so its list row does not render again, and
  // an answer of rows all held already leaves the map (which grows with every search) uncopied.
  const mergeRows = (items: CustomerRowView[]) => {
    const held = get().rows;
    let rows: Record<string, CustomerRowView> | null = null;
    for (const r of items) if (!sameRow(held[r.id], r)) (rows ??= { ...held })[r.id] = r;
    return rows ?? held;
  };
  return {
    byId: {},
    rows: {},
    detail: {},
    liveAt: {},
    liveLog: {},
    search: emptySearch(),
    directory: null,
    revealed: {},
    revealReq: {},

    setDirectory: (s) => {
      const before = get().directory;
      set({ directory: s });
      // While the directory fills, a short answer from it may grow: ask again (at most once a second),
      // never while the list is full (new entries are older customers, they would only append).
      const cur = get().search;
      const grew = !before || s.indexed > before.indexed || (before.state !== 'ready' && s.state === 'ready');
      if (!grew || cur.meta?.source !== 'directory' || cur.hasMore || cur.req.status !== 'ok' || cur.seq !== cur.shownSeq) return;
      if (Date.now() - lastDirectoryRefresh < 1000 && s.state !== 'ready') return;
      lastDirectoryRefresh = Date.now();
      void get().runSearch(cur.text);
    },

    runSearch: async (text) => {
      abortSearches();
      const parsed = parseSearch(text);
      const seq = get().search.seq + 1;
      set({ search: { ...get().search, text, parsed, seq, req: LOADING(get().search.req), moreReq: IDLE } });
      if (parsed.problems.length) {
        set({ search: { ...get().search, ids: [], hasMore: false, cursor: null, req: IDLE, shownSeq: seq, shownText: text, meta: null } });
        return;
      }
      const ctl = (searchCtl = new AbortController());
      const r = await api().customers.search({ ...parsed.filters, limit: PAGE }, { signal: ctl.signal });
      if (get().search.seq !== seq || ctl.signal.aborted) return;
      searchCtl = null;
      if (!r.ok) return set({ search: { ...get().search, req: settled(r) } });
      const { source, dropped, withheld } = r.data;
      set({
        rows: mergeRows(r.data.items),
        ...(r.data.directory ? { directory: r.data.directory } : {}),
        search: { ...get().search, ids: r.data.items.map((c) => c.id), hasMore: r.data.hasMore, cursor: r.data.cursor, req: settled(r), shownSeq: seq, shownText: text, meta: { source, dropped, withheld } },
      });
    },

    loadMore: async () => {
      const s = get().search;
      if (!s.hasMore || !s.cursor || s.moreReq.status === 'loading' || s.req.status === 'loading') return;
      const seq = s.seq;
      set({ search: { ...s, moreReq: LOADING() } });
      const ctl = (moreCtl = new AbortController());
      const r = await api().customers.search({ ...s.parsed.filters, limit: PAGE, cursor: s.cursor }, { signal: ctl.signal });
      if (get().search.seq !== seq || ctl.signal.aborted) return;
      moreCtl = null;
      if (!r.ok) return set({ search: { ...get().search, moreReq: settled(r) } });
      const cur = get().search;
      const seen = new Set(cur.ids);
      const ids = [...cur.ids, ...r.data.items.map((c) => c.id).filter((id) => !seen.has(id))];
      set({ rows: mergeRows(r.data.items), search: { ...cur, ids, hasMore: r.data.hasMore, cursor: r.data.cursor, moreReq: settled(r) } });
    },

    load: async (id) => {
      set({ detail: { ...get().detail, [id]: LOADING(get().detail[id]) } });
      const r = await api().customers.get({ customerId: id });
      set({ detail: { ...get().detail, [id]: settled(r) }, ...(r.ok ? merge([r.data]) : {}) });
      return r;
    },

    upsert: (c) => set(merge([c])),

    upsertRows: (rows) => set({ rows: mergeRows(rows) }),

    applyLive: (c, cause) => {
      const at = Date.now();
      // The event says only "an endorsement changed"; comparing with what was on screen names which.
      const before = new Map((get().byId[c.id]?.endorsements ?? []).map((e) => [e.name, e.status]));
      const changed = get().byId[c.id] ? c.endorsements.filter((e) => before.get(e.name) !== e.status).map((e) => ({ name: e.name, status: e.status })) : [];
      // A re-fetch of main's own (e.g. "reconcile" after a reconnect) is news only if it changed something.
      const news = cause.includes('.') || changed.length > 0;
      const log = news ? [{ at, cause, seq: liveSeq++, changed }, ...(get().liveLog[c.id] ?? [])].slice(0, 20) : (get().liveLog[c.id] ?? []);
      set({ ...merge([c]), liveAt: { ...get().liveAt, [c.id]: { at, cause } }, liveLog: { ...get().liveLog, [c.id]: log } });
    },

    noteLive: (customerId, cause) => {
      const at = Date.now();
      const log = [{ at, cause, seq: liveSeq++, changed: [] }, ...(get().liveLog[customerId] ?? [])].slice(0, 20);
      set({ liveAt: { ...get().liveAt, [customerId]: { at, cause } }, liveLog: { ...get().liveLog, [customerId]: log } });
    },

    reveal: async (id, reason) => {
      set({ revealReq: { ...get().revealReq, [id]: LOADING() } });
      const r = await mutate('pii.reveal', 'Reveal personal data', (confirm) =>
        api().pii.reveal({ customerId: id, fields: ['email', 'phone'], reason, confirm }),
      );
      set({ revealReq: { ...get().revealReq, [id]: settled(r) } });
      if (!r.ok) return;
      const expiresAt = Date.parse(r.data.expiresAt);
      set({ revealed: { ...get().revealed, [id]: { ...r.data.values, expiresAt } } });
      clearTimeout(remaskTimers.get(id));
      // Re-mask at the time main chose, whatever the screen shows by then.
      remaskTimers.set(id, setTimeout(() => get().remask(id), Math.max(0, expiresAt - Date.now())));
    },

    remask: (id) => {
      clearTimeout(remaskTimers.get(id));
      remaskTimers.delete(id);
      const revealed = { ...get().revealed };
      delete revealed[id];
      set({ revealed });
    },

    requestEndorsements: async (id, names) => {
      const r = await mutate('customers.requestEndorsements', 'Request endorsements', (confirm) => api().customers.requestEndorsements({ customerId: id, endorsements: names, confirm }));
      if (r.ok) set(merge([r.data]));
      return r;
    },

    reset: () => {
      for (const t of remaskTimers.values()) clearTimeout(t);
      remaskTimers.clear();
      abortSearches();
      set({ byId: {}, rows: {}, detail: {}, liveAt: {}, liveLog: {}, search: emptySearch(), directory: null, revealed: {}, revealReq: {} });
    },
  };
});
