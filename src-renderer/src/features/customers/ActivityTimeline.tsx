import { useEffect } from 'react';
import { ErrorState, Loading } from '../../components/States.tsx';
import { TimeAgo } from '../../components/TimeAgo.tsx';
import { selectTimeline, useTimeline } from './timeline.store.ts';

/** Webhook events and operator actions for one customer, merged and newest first. */
export function ActivityTimeline({ customerId }: { customerId: string }) {
  const tl = useTimeline(selectTimeline(customerId));
  useEffect(() => {
    void useTimeline.getState().load(customerId);
  }, [customerId]);
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
        <ol className="timeline">
          {tl.items.slice(0, 60).map((i) => (
            <li key={i.key} className={`tl tl-${i.tone}`}>
              <span className={`tl-kind tl-kind-${i.kind}`}>{i.kind === 'webhook' ? 'Webhook' : 'Operator'}</span>
              <span className="tl-title mono">{i.title}</span>
              <span className="tl-detail">{i.detail}</span>
              <span className="tl-at small muted">
                <TimeAgo at={i.at} />
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
