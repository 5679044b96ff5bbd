import type { EventsState } from './events.store.ts';

export const selectOrder = (s: EventsState) => s.order;
export const selectEntry = (seq: number) => (s: EventsState) => s.bySeq[seq];
export const selectEventsReq = (s: EventsState) => s.req;
export const selectHasMore = (s: EventsState) => s.hasMore;
export const selectFilters = (s: EventsState) => s.filters;
export const selectListener = (s: EventsState) => s.listener;
export const selectListenerReq = (s: EventsState) => s.listenerReq;
export const selectSelected = (s: EventsState) => s.selected;
export const selectDetail = (seq: number | null) => (s: EventsState) => (seq === null ? undefined : s.detail[seq]);
