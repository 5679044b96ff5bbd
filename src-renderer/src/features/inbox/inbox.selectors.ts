import type { InboxState } from './inbox.store.ts';

export const selectOrder = (s: InboxState) => s.order;
export const selectEntry = (seq: number) => (s: InboxState) => s.bySeq[seq];
export const selectInboxReq = (s: InboxState) => s.req;
export const selectHasMore = (s: InboxState) => s.hasMore;
export const selectFilters = (s: InboxState) => s.filters;
export const selectListener = (s: InboxState) => s.listener;
export const selectListenerReq = (s: InboxState) => s.listenerReq;
export const selectSelected = (s: InboxState) => s.selected;
export const selectDetail = (seq: number | null) => (s: InboxState) => (seq === null ? undefined : s.detail[seq]);
