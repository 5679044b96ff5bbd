import type { CustomersState } from './customers.store.ts';
import { IDLE } from '../../lib/request-state.ts';

export const selectSearch = (s: CustomersState) => s.search;
export const selectSearchIds = (s: CustomersState) => s.search.ids;
export const selectSearchReq = (s: CustomersState) => s.search.req;
export const selectRunSearch = (s: CustomersState) => s.runSearch;
export const selectLoadMore = (s: CustomersState) => s.loadMore;
export const selectRow = (id: string) => (s: CustomersState) => s.rows[id];
export const selectCustomer = (id: string | null | undefined) => (s: CustomersState) => (id ? s.byId[id] : undefined);
export const selectDetailReq = (id: string) => (s: CustomersState) => s.detail[id] ?? IDLE;
export const selectLiveAt = (id: string) => (s: CustomersState) => s.liveAt[id];
export const selectRevealed = (id: string) => (s: CustomersState) => s.revealed[id];
export const selectRevealReq = (id: string) => (s: CustomersState) => s.revealReq[id] ?? IDLE;
const NO_LOG: CustomersState['liveLog'][string] = [];
export const selectLiveLog = (id: string) => (s: CustomersState) => s.liveLog[id] ?? NO_LOG;
export const selectDirectory = (s: CustomersState) => s.directory;
/** True while a newer search runs: the rows on screen answer an older text. */
export const selectStale = (s: CustomersState) => s.search.shownSeq !== s.search.seq;
