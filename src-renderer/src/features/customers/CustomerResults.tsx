import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { useRoute } from '../../stores/route.store.ts';
import { customerName, EndorsementBadges } from './EndorsementBadges.tsx';
import { useCustomers } from './customers.store.ts';
import { selectLoadMore, selectSearch } from './customers.selectors.ts';
import type { CustomersState } from './customers.store.ts';

const ROW = 44;

function Row({ id, index, active, total, style }: { id: string; index: number; active: boolean; total: number; style: React.CSSProperties }) {
  const c = useCustomers((s: CustomersState) => s.byId[id]);
  if (!c) return null;
  return (
    <div
      id={`result-${id}`}
      role="option"
      aria-selected={active}
      aria-posinset={index + 1}
      aria-setsize={total}
      className={`result-row${active ? ' active' : ''}`}
      style={style}
      onClick={() => useRoute.getState().navigate('customers', id)}
    >
      <span className="col-name">
        <strong>{customerName(c)}</strong>
        <small className="mono">{c.id}</small>
      </span>
      <span className="col-email">{c.emailMasked ?? '—'}</span>
      <span className="col-status">{c.status}</span>
      <span className="col-endorsements">
        <EndorsementBadges customer={c} />
      </span>
    </div>
  );
}

/** Virtualised, keyboard-navigable results (a listbox with aria-activedescendant). */
export function CustomerResults({ listRef }: { listRef: React.RefObject<HTMLDivElement | null> }) {
  const search = useCustomers(selectSearch);
  const loadMore = useCustomers(selectLoadMore);
  const [active, setActive] = useState(0);
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const total = search.hasMore ? -1 : search.ids.length;
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual is the chosen virtualiser.
  const v = useVirtualizer({ count: search.ids.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW, overscan: 12 });
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
        if (id) useRoute.getState().navigate('customers', id);
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
    <div className="results">
      <div className="result-head" aria-hidden="true">
        <span className="col-name">Customer</span>
        <span className="col-email">Email (masked)</span>
        <span className="col-status">Status</span>
        <span className="col-endorsements">
          Endorsements<span className="legend">● active ◐ pending ○ incomplete ✕ rejected</span>
        </span>
      </div>
      <div ref={scrollRef} className="result-scroll">
        <div
          ref={listRef}
          role="listbox"
          aria-label="Customers"
          tabIndex={0}
          aria-activedescendant={activeId ? `result-${activeId}` : undefined}
          data-results-for={search.req.status === 'ok' ? search.text : undefined}
          onKeyDown={onKey}
          style={{ height: v.getTotalSize(), position: 'relative' }}
        >
          {items.map((it) => {
            const id = search.ids[it.index]!;
            return (
              <Row
                key={id}
                id={id}
                index={it.index}
                active={it.index === activeIndex}
                total={total}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW, transform: `translateY(${it.start}px)` }}
              />
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
