import { TimeAgo } from '../../components/TimeAgo.tsx';
import { useCustomers } from './customers.store.ts';
import { selectLiveLog } from './customers.selectors.ts';
import type { LiveEntry } from './customers.store.ts';
import { causeWords, endorsementLabel, statusWords } from './endorsement-words.ts';

const sentence = (n: LiveEntry) => {
  if (n.changed.length > 0) return n.changed.map((c) => `${endorsementLabel(c.name)} is now ${statusWords(c.status).label.toLowerCase()}`).join('; ');
  const w = causeWords(n.cause);
  return `${w.charAt(0).toUpperCase()}${w.slice(1)}`;
};

/**
 * Live news about the open customer (deposits, decisions, edits), announced politely where the
 * agent looks: the side column of the customer view, not under an unrelated panel.
 */
export function LiveNotices({ customerId }: { customerId: string }) {
  const log = useCustomers(selectLiveLog(customerId));
  return (
    <section className="panel panel-live" aria-labelledby={`live-${customerId}`}>
      <div className="panel-head">
        <h2 id={`live-${customerId}`}>Live updates</h2>
        <span className="muted small">from OMS webhooks</span>
      </div>
      {/* A log region around a plain list: a role on the list itself would strip its list semantics. */}
      <div role="log" aria-live="polite" aria-label="Live updates for this customer">
        <ul className="live-list">
          {log.length === 0 ? (
            <li className="muted small">Nothing new since you opened this customer.</li>
          ) : (
            log.slice(0, 6).map((n) => (
              <li key={n.seq} className={n.cause.startsWith('wallet.') ? 'live-item live-money' : 'live-item'}>
                <span className="dot dot-live" aria-hidden="true" /> <strong>{sentence(n)}</strong>{' '}
                <span className="muted small">
                  <TimeAgo at={n.at} />
                </span>
              </li>
            ))
          )}
        </ul>
      </div>
    </section>
  );
}
