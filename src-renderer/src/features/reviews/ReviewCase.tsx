import { useEffect } from 'react';
import { ErrorState, Loading } from '../../components/States.tsx';
import { useCustomers } from '../customers/customers.store.ts';
import { selectCustomer, selectDetailReq } from '../customers/customers.selectors.ts';
import { customerName } from '../customers/EndorsementBadges.tsx';
import { EndorsementsPanel } from '../customers/EndorsementsPanel.tsx';
import { QaDecisionsPanel } from '../customers/QaDecisionsPanel.tsx';
import { FollowUpPanel } from './FollowUpPanel.tsx';

/** One customer from the queue: what waits and why, the decisions (sandbox) and the follow-ups. */
export function ReviewCase({ customerId, position, onNext }: { customerId: string; position: string; onNext: (() => void) | null }) {
  const customer = useCustomers(selectCustomer(customerId));
  const req = useCustomers(selectDetailReq(customerId));
  useEffect(() => {
    void useCustomers.getState().load(customerId);
  }, [customerId]);
  return (
    <article className="review-case" aria-label="Customer under review">
      <header className="case-head">
        <div>
          <h2 className="case-title">{customer ? customerName(customer) : customerId}</h2>
          <span className="mono small muted">{customerId}</span> · <a href={`#/customers/${encodeURIComponent(customerId)}`}>Open customer view</a>
        </div>
        <span className="muted small">{position}</span>
        <button type="button" className="btn btn-primary" aria-keyshortcuts="N" disabled={!onNext} onClick={() => onNext?.()}>
          Next in queue <kbd>N</kbd>
        </button>
      </header>
      {!customer ? (
        req.status === 'error' && req.error ? (
          <ErrorState error={req.error} what={`customer ${customerId}`} onRetry={() => void useCustomers.getState().load(customerId)} />
        ) : (
          <Loading what="customer" />
        )
      ) : (
        <div className="case-body">
          <EndorsementsPanel customer={customer} />
          <QaDecisionsPanel customer={customer} />
          <FollowUpPanel key={customer.id} customer={customer} />
        </div>
      )}
    </article>
  );
}
