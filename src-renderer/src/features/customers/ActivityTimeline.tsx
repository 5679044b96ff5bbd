import { useEffect } from 'react';
import { ErrorState, Loading } from '../../components/States.tsx';
import { TimeAgo } from '../../components/TimeAgo.tsx';
import { useCustomers } from './customers.store.ts';
import { selectLiveAt } from './customers.selectors.ts';
import { selectTimeline, useTimeline, type TimelineItem } from './timeline.store.ts';

function Item({ i }: { i: TimelineItem }) {
  return (
    <li className={`tl tl-${i.tone}`}>
      <span className={`tl-kind tl-kind-${i.kind}`}>{i.kind === 'webhook' ? 'Webhook' : 'Operator'}</span>
      <span className="tl-title">{i.title}</span>
      <span className="tl-at small muted">
        <TimeAgo at={i.at} />
      </span>
      <span className="tl-detail">
        {i.eventType && <span className="mono">{i.eventType} · </span>}
        {i.detail}
      </span>
      {i.raw && (
        <details className="tl-raw">
          <summary>Details</summary>
          <code className="mono">{i.raw.action}</code> <code className="mono wrap">{i.raw.inputSummary}</code>
        </details>
      )}
    </li>
  );
}

/** Webhook events and operator actions for one customer, merged and newest first. */
export function ActivityTimeline({ customerId }: { customerId: string }) {
  const tl = useTimeline(selectTimeline(customerId));
  // A live update follows every decision and edit: reloading then shows the operator's own action
  // (from the audit log) beside the webhook that confirmed it, with no click.
  const liveAt = useCustomers(selectLiveAt(customerId))?.at;
  useEffect(() => {
    void useTimeline.getState().load(customerId);
  }, [customerId, liveAt]);
  const reload = () => void useTimeline.getState().load(customerId);
  return (
    <section className="panel" aria-labelledby="activity-h">
      <div className="panel-head">
        <h2 id="activity-h">Activity</h2>
        <button type="button" className="btn btn-small btn-ghost" onClick={reload}>
          Reload activity
        </button>
      </div>
      {!tl || (tl.req.status === 'loading' && tl.items.length === 0) ? (
        <Loading what="activity" />
      ) : tl.items.length === 0 && tl.req.error ? (
        <ErrorState error={tl.req.error} what="activity" onRetry={reload} />
      ) : tl.items.length === 0 ? (
        <p className="muted">No webhook events or operator actions for this customer yet.</p>
      ) : (
        <ol className="activity-list" aria-label="Activity, newest first">
          {tl.items.slice(0, 60).map((i) => (
            <Item key={i.key} i={i} />
          ))}
        </ol>
      )}
    </section>
  );
}
