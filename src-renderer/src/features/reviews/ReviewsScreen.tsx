import { useEffect, useRef, useState } from 'react';
import { ENDORSEMENT_NAMES, type EndorsementName } from '#shared/domain/endorsement.ts';
import { Empty, ErrorState, Loading } from '../../components/States.tsx';
import { TimeSince } from '../../components/TimeAgo.tsx';
import { useRoute } from '../../stores/route.store.ts';
import { useSandbox } from '../../stores/sandbox.store.ts';
import { endorsementLabel, statusWords } from '../customers/endorsement-words.ts';
import { DecideAllPending } from './DecideAllPending.tsx';
import { ReviewCase } from './ReviewCase.tsx';
import { selectQueue, useReviews, type QueueState } from './reviews.store.ts';

const STATES: QueueState[] = ['pending', 'rejected', 'incomplete'];

const open = (id: string) => useRoute.getState().navigate('reviews', id);

/** Typing in a field must never jump the queue. */
const typing = (t: EventTarget | null) => t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

export function ReviewsScreen({ customerId }: { customerId: string | undefined }) {
  const q = useReviews(selectQueue);
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLDivElement | null>(null);

  useEffect(() => {
    if (q.req.status === 'idle') void q.load();
  }, [q]);
  // The review mode and pending count may have changed elsewhere (another window, a script).
  useEffect(() => void useSandbox.getState().load(), []);

  const openIndex = customerId ? q.items.findIndex((e) => e.customerId === customerId) : -1;
  // When a decision took the open customer out of the queue, "next" is whoever moved up into its place.
  const movedUp = q.left && q.left.customerId === customerId ? q.items[q.left.index] : undefined;
  const nextId = customerId ? (openIndex >= 0 ? q.items[openIndex + 1] : movedUp)?.customerId : q.items[0]?.customerId;
  const goNext = nextId ? () => open(nextId) : null;

  useEffect(() => {
    if (!nextId) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== 'n' || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      if (document.querySelector('dialog[open]')) return;
      e.preventDefault();
      open(nextId);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [nextId]);

  const setFilter = (patch: { endorsement?: EndorsementName | undefined; state?: QueueState | undefined }) => {
    setActive(0);
    void q.load({ ...q.filters, ...patch });
  };
  const activeIndex = Math.min(active, Math.max(0, q.items.length - 1));
  const move = (i: number) => {
    const to = Math.max(0, Math.min(q.items.length - 1, i));
    setActive(to);
    document.getElementById(`queue-${q.items[to]?.customerId}`)?.scrollIntoView({ block: 'nearest' });
  };
  const onListKey = (e: React.KeyboardEvent) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(activeIndex + 1),
      ArrowUp: () => move(activeIndex - 1),
      Home: () => move(0),
      End: () => move(q.items.length - 1),
      Enter: () => {
        const id = q.items[activeIndex]?.customerId;
        if (id) open(id);
      },
    };
    const k = keys[e.key];
    if (k) {
      e.preventDefault();
      k();
    }
  };
  const countText =
    q.req.status === 'loading' && q.items.length === 0
      ? 'Counting…'
      : `${q.total}${q.complete ? '' : ' or more'} customer${q.total === 1 ? '' : 's'} waiting`;
  const position = openIndex >= 0 ? `${openIndex + 1} of ${q.total}` : customerId ? 'No longer in this queue' : '';

  return (
    <section className="screen reviews-screen">
      <header className="screen-head">
        <h1>Review queue</h1>
        <span className="queue-count" role="status" aria-label="Queue size">
          {countText}
        </span>
        {q.req.status === 'loading' && q.items.length > 0 && <span className="muted small">Refreshing…</span>}
      </header>
      <div className="queue-filters" role="group" aria-label="Queue filters">
        <label>
          Endorsement{' '}
          <select aria-label="Endorsement filter" value={q.filters.endorsement ?? ''} onChange={(e) => setFilter({ endorsement: (e.target.value || undefined) as EndorsementName | undefined })}>
            <option value="">All endorsements</option>
            {ENDORSEMENT_NAMES.map((n) => (
              <option key={n} value={n}>
                {endorsementLabel(n)}
              </option>
            ))}
          </select>
        </label>
        <label>
          State{' '}
          <select aria-label="State filter" value={q.filters.state ?? ''} onChange={(e) => setFilter({ state: (e.target.value || undefined) as QueueState | undefined })}>
            <option value="">Pending, rejected or incomplete</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {statusWords(s).label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn btn-small" onClick={() => void q.load()}>
          Refresh queue
        </button>
        <DecideAllPending onDone={() => void q.load()} />
      </div>
      <div className="queue-grid">
        <div className="queue-list">
          {q.req.status === 'error' && q.req.error && q.items.length === 0 ? (
            <ErrorState error={q.req.error} what="the review queue" onRetry={() => void q.load()} />
          ) : q.req.status !== 'ok' && q.items.length === 0 ? (
            <Loading what="the review queue" />
          ) : q.items.length === 0 ? (
            <Empty title="Nothing waits for review." hint="Customers appear here when an endorsement is pending, rejected or incomplete." />
          ) : (
            <div
              ref={listRef}
              role="listbox"
              aria-label="Review queue"
              tabIndex={0}
              aria-activedescendant={q.items[activeIndex] ? `queue-${q.items[activeIndex].customerId}` : undefined}
              onKeyDown={onListKey}
              className="queue-options"
            >
              {q.items.map((e, i) => (
                <div
                  key={e.customerId}
                  id={`queue-${e.customerId}`}
                  role="option"
                  aria-selected={e.customerId === customerId}
                  className={`queue-row${i === activeIndex ? ' active' : ''}${e.customerId === customerId ? ' open' : ''}`}
                  onClick={() => {
                    setActive(i);
                    open(e.customerId);
                  }}
                >
                  <strong className="queue-name">{e.name}</strong>
                  <span className="queue-what">
                    {e.endorsements.map((x) => `${endorsementLabel(x.name)}: ${statusWords(x.status).label.toLowerCase()}`).join(' · ')}
                  </span>
                  <span className="queue-since small muted">{e.waitingSince ? <>waiting <TimeSince at={e.waitingSince} /></> : 'waiting'}</span>
                </div>
              ))}
            </div>
          )}
          <p className="help">↑ ↓ move, Enter opens, N goes to the next customer.</p>
        </div>
        <div className="queue-case">
          {customerId ? (
            <ReviewCase key={customerId} customerId={customerId} position={position} onNext={goNext} />
          ) : (
            <Empty title="Pick a customer to review." hint="The oldest waits first. Press N to start with it.">
              {goNext && (
                <button type="button" className="btn btn-primary" onClick={goNext}>
                  Start with the oldest
                </button>
              )}
            </Empty>
          )}
        </div>
      </div>
    </section>
  );
}
