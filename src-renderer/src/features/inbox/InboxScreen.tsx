import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { WEBHOOK_VERDICTS, type WebhookVerdict } from '#shared/domain/webhook.ts';
import { Empty, ErrorState } from '../../components/States.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { TimeAgo } from '../../components/TimeAgo.tsx';
import { api } from '../../lib/api-client.ts';
import { isCancelled, mutate } from '../../stores/mutate.ts';
import { notify } from '../../stores/notify.store.ts';
import { useRoute } from '../../stores/route.store.ts';
import { DeliveryDetail } from './DeliveryDetail.tsx';
import { deliveryTypeWords, verdictWords } from './delivery-words.ts';
import { ListenerCard } from './ListenerCard.tsx';
import { WebhookEndpoints } from './WebhookEndpoints.tsx';
import { InboxChart } from '../charts/InboxChart.tsx';
import { useInbox } from './inbox.store.ts';
import { selectEntry, selectInboxReq, selectFilters, selectHasMore, selectOrder, selectSelected } from './inbox.selectors.ts';
import { ExportMenu } from '../export/ExportMenu.tsx';

const ROW = 48;

/** Empties this profile's inbox (dedupe ids are kept, so nothing is applied twice later). */
function ClearLog() {
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button type="button" className="btn btn-small btn-ghost" onClick={() => setAsking(true)}>
        Clear log…
      </button>
    );
  const clear = async () => {
    setAsking(false);
    const r = await mutate('inbox.clear', 'Clear the inbox', (confirm) => api().inbox.clear({ confirm }));
    if (r.ok) {
      notify('info', `Cleared ${r.data.cleared} deliveries from this profile's log.`);
      void useInbox.getState().load();
    } else if (!isCancelled(r)) notify('error', `Could not clear the log: ${r.error.message}`);
  };
  return (
    <span className="inline-form" role="group" aria-label="Clear the inbox?">
      <span className="small">Remove this profile's deliveries from the log? Deliveries already applied stay applied.</span>
      <button type="button" className="btn btn-small btn-danger" onClick={() => void clear()}>
        Clear log
      </button>
      <button type="button" className="btn btn-small" onClick={() => setAsking(false)}>
        Keep
      </button>
    </span>
  );
}

/**
 * One delivery. The row is an option of a listbox, which may not hold focusable content (axe
 * nested-interactive), so the customer id is a click target handled by the row, not a link; the
 * keyboard path to the customer is the real link in the delivery viewer.
 */
function EventRow({ seq, style, selected }: { seq: number; style: React.CSSProperties; selected: boolean }) {
  const e = useInbox(selectEntry(seq));
  if (!e) return null;
  const v = verdictWords(e.verdict);
  const onClick = (ev: React.MouseEvent) => {
    const customer = (ev.target as HTMLElement).closest<HTMLElement>('[data-customer]')?.dataset.customer;
    if (customer) useRoute.getState().navigate('customers', customer);
    else void useInbox.getState().select(seq);
  };
  // The row's name comes from its own visible cells (no aria-label), so what a screen reader says
  // and what a sighted user sees (and voice control targets) never disagree; the verdict's reason
  // is the description, kept in a hidden node so it is not read twice.
  const id = `evt-${seq}`;
  return (
    <div role="option" aria-selected={selected} aria-describedby={`${id}-reason`} id={id} className={`event-row${selected ? ' active' : ''}`} style={style} onClick={onClick}>
      <span id={`${id}-reason`} hidden>
        {`${v.label}: ${e.reason}`}
      </span>
      <span className="ev-event">
        <span className="ev-words" title={e.type ?? undefined}>
          {deliveryTypeWords(e.type)}
          {e.source === 'replay' && <span className="tag">replay</span>}
          {e.duplicate && <span className="tag">duplicate</span>}
        </span>
        <span className="ev-raw mono">
          {e.type ?? '(unreadable)'}
        </span>
      </span>
      <span className="ev-customer mono">
        {e.customerId ? (
          <span className="ev-link" data-customer={e.customerId} title={`Open customer ${e.customerId}`}>
            {e.customerId}
          </span>
        ) : (
          <span className="muted">no customer</span>
        )}
      </span>
      <span className="ev-verdict">
        <StatusBadge tone={v.tone} title={e.reason}>
          {v.label}
        </StatusBadge>
      </span>
      <span className="ev-time small muted">
        <TimeAgo at={e.receivedAt} />
        <span className="ev-seq">#{seq}</span>
      </span>
    </div>
  );
}

/** The live webhook log: verdicts and reasons, filters, payload viewer and replay. */
export function InboxScreen() {
  const order = useInbox(selectOrder);
  const req = useInbox(selectInboxReq);
  const filters = useInbox(selectFilters);
  const hasMore = useInbox(selectHasMore);
  const selected = useInbox(selectSelected);
  const scrollRef = useRef<HTMLDivElement | null>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual is the chosen virtualiser.
  const v = useVirtualizer({ count: order.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW, overscan: 10 });
  useEffect(() => {
    void useInbox.getState().load();
  }, []);
  const onKey = (ev: React.KeyboardEvent) => {
    const i = selected === null ? -1 : order.indexOf(selected);
    const next = ev.key === 'ArrowDown' ? i + 1 : ev.key === 'ArrowUp' ? i - 1 : null;
    if (next === null) return;
    ev.preventDefault();
    const seq = order[Math.max(0, Math.min(order.length - 1, next))];
    if (seq !== undefined) {
      void useInbox.getState().select(seq);
      v.scrollToIndex(order.indexOf(seq));
    }
  };
  return (
    <section className="screen inbox-screen">
      <header className="screen-head">
        <h1>Inbox</h1>
        <span className="muted small" role="status" aria-label="Event count">
          {order.length}
          {hasMore ? '+' : ''} deliveries
        </span>
        <ClearLog />
        <ExportMenu dataset="inbox" />
      </header>
      <ListenerCard />
      <InboxChart />
      <WebhookEndpoints />
      <form className="filters" aria-label="Event filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Type starts with
          <input value={filters.type} placeholder="customer.endorsement" onChange={(e) => useInbox.getState().setFilters({ type: e.target.value.trim() })} />
        </label>
        <label>
          Customer id
          <input className="mono filter-id" value={filters.customerId} placeholder="cst_…" onChange={(e) => useInbox.getState().setFilters({ customerId: e.target.value.trim() })} />
        </label>
        <label>
          Verdict
          <select value={filters.verdict} onChange={(e) => useInbox.getState().setFilters({ verdict: e.target.value as WebhookVerdict | '' })}>
            <option value="">Any</option>
            {WEBHOOK_VERDICTS.map((v) => (
              <option key={v} value={v}>
                {verdictWords(v).label}
              </option>
            ))}
          </select>
        </label>
      </form>
      <div className="inbox-split">
        <div className="panel inbox-list">
          {req.status === 'error' && req.error && order.length === 0 ? (
            <ErrorState error={req.error} what="webhook deliveries" onRetry={() => void useInbox.getState().load()} />
          ) : req.status === 'ok' && order.length === 0 ? (
            <Empty title="No webhook deliveries yet." hint="They appear here live as OMS (or the local sandbox) sends them. Create or change a customer to trigger one." />
          ) : (
            <>
            <div className="event-head" aria-hidden="true">
              <span>Event</span>
              <span>Customer</span>
              <span>Verification</span>
              <span className="ev-time">Received</span>
            </div>
            <div ref={scrollRef} className="event-scroll">
              <div
                role="listbox"
                aria-label="Webhook deliveries"
                tabIndex={0}
                onKeyDown={onKey}
                aria-activedescendant={selected !== null ? `evt-${selected}` : undefined}
                style={{ height: v.getTotalSize(), position: 'relative' }}
              >
                {v.getVirtualItems().map((it) => {
                  const seq = order[it.index]!;
                  return (
                    <EventRow key={seq} seq={seq} selected={seq === selected} style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW, transform: `translateY(${it.start}px)` }} />
                  );
                })}
              </div>
            </div>
            </>
          )}
          {hasMore && (
            <button type="button" className="btn btn-small btn-ghost" onClick={() => void useInbox.getState().loadOlder()}>
              Load older deliveries
            </button>
          )}
        </div>
        <DeliveryDetail />
      </div>
    </section>
  );
}
