import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useRef, useState } from 'react';
import { EndorsementBadges } from './EndorsementBadges.tsx';
import { matchedOnLabel, rowName } from './customer-lookup.ts';
import { useCustomers } from './customers.store.ts';
import { selectLoadMore, selectRow, selectSearch, selectStale } from './customers.selectors.ts';

const ROW = 44;
// Rows of an older text are dimmed only once the newer answer is this late: a quick answer replaces
// them before anyone could see a dimmed frame, and dimming them costs a restyle and a repaint of the list.
const DIM_AFTER_MS = 150;

// Memoised: a new answer, a new page or a moved highlight re-renders only the rows whose props
// changed; a customer in both the old and the new answer keeps its DOM.
const Row = memo(function Row({ id, index, active, total, top, onOpen }: { id: string; index: number; active: boolean; total: number; top: number; onOpen: (id: string) => void }) {
  const c = useCustomers(selectRow(id));
  if (!c) return null;
  const matched = matchedOnLabel(c);
  return (
    <div
      id={`result-${id}`}
      role="option"
      aria-selected={active}
      aria-posinset={index + 1}
      aria-setsize={total}
      className={`result-row${active ? ' active' : ''}`}
      style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW, transform: `translateY(${top}px)` }}
      onClick={() => onOpen(id)}
    >
      <span className="col-name">
        <strong>{rowName(c)}</strong>
        <small>
          <span className="mono">{c.id}</span>
          {matched && <span className="match-note"> · {matched}</span>}
        </small>
      </span>
      <span className="col-email">{c.emailMasked ?? '—'}</span>
      <span className="col-status">{c.status}</span>
      <span className="col-endorsements">
        <EndorsementBadges endorsements={c.endorsements} />
      </span>
    </div>
  );
});

/**
 * Virtualised, keyboard-navigable results (a listbox with aria-activedescendant). It stays mounted
 * while the user types: each new answer starts at its own first row (highlight and scroll reset),
 * so the highlight never carries over from stale results, without rebuilding every row per answer.
 */
export function CustomerResults({ listRef, onOpen }: { listRef: React.RefObject<HTMLDivElement | null>; onOpen: (id: string) => void }) {
  const search = useCustomers(selectSearch);
  // A newer search is running: these rows answer an older text, so they are dimmed and never opened.
  const stale = useCustomers(selectStale);
  const [dim, setDim] = useState(false);
  useEffect(() => {
    if (!stale) return;
    const t = setTimeout(() => setDim(true), DIM_AFTER_MS);
    return () => {
      clearTimeout(t);
      setDim(false);
    };
  }, [stale]);
  // One function for every row, whatever the staleness: passing a different one while a search runs
  // re-rendered each visible row twice per keystroke. Stale rows are never opened.
  const openRow = useCallback((id: string) => {
    if (!selectStale(useCustomers.getState())) onOpen(id);
  }, [onOpen]);
  const loadMore = useCustomers(selectLoadMore);
  const [active, setActive] = useState(0);
  const [answer, setAnswer] = useState(search.shownSeq);
  if (answer !== search.shownSeq) {
    setAnswer(search.shownSeq);
    setActive(0);
  }
  const scrollRef = useRef<HTMLDivElement | null>(null);
  // Where the list was scrolled to, noted as it scrolls: touching scrollTop after each answer would
  // force a synchronous layout of the page per keystroke, so it is written only when not at the top.
  const scrolled = useRef(0);
  useEffect(() => {
    if (scrolled.current > 0 && scrollRef.current) scrollRef.current.scrollTop = scrolled.current = 0;
  }, [search.shownSeq]);
  const total = search.hasMore ? -1 : search.ids.length;
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual is the chosen virtualiser.
  const v = useVirtualizer({ count: search.ids.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW, overscan: 2 });
  const items = v.getVirtualItems();
  const last = items[items.length - 1];

  useEffect(() => {
    if (last && last.index >= search.ids.length - 25) void loadMore();
  }, [last, search.ids.length, loadMore]);

  const activeIndex = Math.min(active, Math.max(0, search.ids.length - 1));
  const move = (to: number) => {
    const i = Math.max(0, Math.min(search.ids.length - 1, to));
    setActive(i);
    v.scrollToIndex(i, { align: 'auto' });
  };
  const onKey = (e: React.KeyboardEvent) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(activeIndex + 1),
      ArrowUp: () => move(activeIndex - 1),
      PageDown: () => move(activeIndex + page),
      PageUp: () => move(activeIndex - page),
      Home: () => move(0),
      End: () => move(search.ids.length - 1),
      Enter: () => {
        const id = search.ids[activeIndex];
        if (id && !stale) onOpen(id);
      },
    };
    const k = keys[e.key];
    if (k) {
      e.preventDefault();
      k();
    }
  };
  const activeId = search.ids[activeIndex];

  return (
    <div className={`results${dim ? ' stale' : ''}`}>
      <div className="result-head" aria-hidden="true">
        <span className="col-name">Customer</span>
        <span className="col-email">Email (masked)</span>
        <span className="col-status">Status</span>
        <span className="col-endorsements">
          Endorsements<span className="legend">● active ◐ pending ○ incomplete ✕ rejected</span>
        </span>
      </div>
      <div ref={scrollRef} className="result-scroll" onScroll={(e) => (scrolled.current = e.currentTarget.scrollTop)}>
        <div
          ref={listRef}
          role="listbox"
          aria-label="Customers"
          tabIndex={0}
          aria-activedescendant={activeId ? `result-${activeId}` : undefined}
          data-results-for={search.req.status === 'ok' ? search.text : undefined}
          aria-busy={stale || search.req.status === 'loading'}
          onKeyDown={onKey}
          style={{ height: v.getTotalSize(), position: 'relative' }}
        >
          {items.map((it) => {
            const id = search.ids[it.index]!;
            return (
              <Row key={id} id={id} index={it.index} active={it.index === activeIndex} total={total} top={it.start} onOpen={openRow} />
            );
          })}
        </div>
      </div>
      {search.moreReq.status === 'loading' && <div className="muted small pad">Loading more…</div>}
      {search.moreReq.status === 'error' && (
        <div className="inline-error pad" role="alert">
          Could not load more: {search.moreReq.error?.message}{' '}
          <button type="button" className="btn btn-small" onClick={() => void loadMore()}>
            Retry
          </button>
        </div>
      )}
    </div>
  );
}
