import './reviews.css';
import { useEffect, useState } from 'react';
import { ENDORSEMENT_NAMES, type EndorsementName } from '#shared/domain/endorsement.ts';
import { Empty, ErrorState, Loading } from '../../components/States.tsx';
import { useRoute } from '../../stores/route.store.ts';
import { selectSandboxStatus, useSandbox } from '../../stores/sandbox.store.ts';
import { isShortcut } from '../../stores/shortcuts.store.ts';
import { endorsementLabel, statusWords } from '../customers/endorsement-words.ts';
import { DecideAllPending } from './DecideAllPending.tsx';
import { noteFieldId } from './FollowUpPanel.tsx';
import { GROUP_TITLE, QueueList } from './QueueList.tsx';
import { ReviewCase } from './ReviewCase.tsx';
import { selectQueue, useReviews, type QueueState } from './reviews.store.ts';
import { ExportMenu } from '../export/ExportMenu.tsx';

const STATES: QueueState[] = ['pending', 'rejected', 'incomplete'];

const open = (id: string) => useRoute.getState().navigate('reviews', id);

/** On a real OMS the reviewer's part is said up front: OMS decides, the console follows up. */
function RealProfileNote() {
  const status = useSandbox(selectSandboxStatus);
  if (!status || status.available) return null;
  return (
    <p className="notice notice-info queue-role" role="note" aria-label="Who decides">
      <strong>OMS makes the compliance decisions on this profile.</strong> Your part is the follow-up: a note on the customer for the team, and
      re-requesting endorsements once the customer has sent what was missing.
    </p>
  );
}

export function ReviewsScreen({ customerId }: { customerId: string | undefined }) {
  const q = useReviews(selectQueue);
  const [active, setActive] = useState(0);

  useEffect(() => {
    if (q.req.status === 'idle') void q.load();
  }, [q]);
  // The review mode and pending count may have changed elsewhere (another window, a script).
  useEffect(() => void useSandbox.getState().load(), []);

  const openIndex = customerId ? q.items.findIndex((e) => e.customerId === customerId) : -1;
  // When a decision took the open customer out of the queue, "next" is whoever moved up into its place.
  const movedUp = q.left && q.left.customerId === customerId ? q.items[q.left.index] : undefined;
  const nextId = customerId ? (movedUp ?? (openIndex >= 0 ? q.items[openIndex + 1] : undefined))?.customerId : q.items[0]?.customerId;
  const prevId = customerId ? (movedUp ? q.items[q.left!.index - 1] : openIndex > 0 ? q.items[openIndex - 1] : undefined)?.customerId : undefined;
  const goNext = nextId ? () => open(nextId) : null;
  const goPrev = prevId ? () => open(prevId) : null;

  useEffect(() => {
    const keys: Record<string, (() => void) | null> = {
      n: nextId ? () => open(nextId) : null,
      p: prevId ? () => open(prevId) : null,
      f: customerId ? () => document.getElementById(noteFieldId(customerId))?.focus() : null,
    };
    const onKey = (e: KeyboardEvent) => {
      const run = keys[e.key.toLowerCase()];
      if (!run || !isShortcut(e)) return;
      e.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [nextId, prevId, customerId]);

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
  const more = q.complete ? '' : ' or more';
  const countText =
    q.req.status === 'loading' && q.items.length === 0
      ? 'Counting…'
      : `${q.counts.decision}${more} need${q.counts.decision === 1 ? 's' : ''} a decision · ${q.counts.customer}${more} waiting on the customer`;
  const openEntry = openIndex >= 0 ? q.items[openIndex] : undefined;
  const position = openEntry
    ? `${q.items.filter((e, i) => e.group === openEntry.group && i <= openIndex).length} of ${q.counts[openEntry.group]} · ${GROUP_TITLE[openEntry.group].toLowerCase()}`
    : customerId
      ? 'No longer in this queue'
      : '';

  return (
    <section className="screen reviews-screen">
      <header className="screen-head">
        <h1>Review queue</h1>
        <span className="queue-count" role="status" aria-label="Queue size">
          {countText}
        </span>
        {q.req.status === 'loading' && q.items.length > 0 && <span className="muted small">Refreshing…</span>}
        <ExportMenu dataset="reviewQueue" />
      </header>
      <RealProfileNote />
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
        <DecideAllPending customers={q.filters.endorsement || q.filters.state ? null : q.counts.decision} onDone={() => void q.load()} />
      </div>
      <div className="queue-grid">
        <div className="queue-list">
          {q.req.status === 'error' && q.req.error && q.items.length === 0 ? (
            <ErrorState error={q.req.error} what="the review queue" onRetry={() => void q.load()} />
          ) : q.req.status !== 'ok' && q.items.length === 0 ? (
            <Loading what="the review queue" />
          ) : q.items.length === 0 ? (
            <Empty title="Nothing waits for review." hint="Customers appear here when an endorsement is pending (a decision), rejected or incomplete (the customer's turn)." />
          ) : (
            <QueueList
              items={q.items}
              counts={q.counts}
              activeIndex={activeIndex}
              openId={customerId}
              onKeyDown={onListKey}
              onPick={(i) => {
                setActive(i);
                open(q.items[i]!.customerId);
              }}
            />
          )}
          <p className="help">
            ↑ ↓ move, Enter opens; <kbd>N</kbd> next, <kbd>P</kbd> previous, <kbd>?</kbd> all shortcuts.
          </p>
        </div>
        <div className="queue-case">
          {customerId ? (
            <ReviewCase key={customerId} customerId={customerId} position={position} onNext={goNext} onPrev={goPrev} />
          ) : (
            <Empty title="Pick a customer to review." hint="The oldest needing a decision waits first. Press N to start with it.">
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
