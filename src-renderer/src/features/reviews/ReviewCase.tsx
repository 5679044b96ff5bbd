import { useEffect } from 'react';
import { ErrorState, Loading } from '../../components/States.tsx';
import { useCustomers } from '../customers/customers.store.ts';
import { selectCustomer, selectDetailReq } from '../customers/customers.selectors.ts';
import { customerName } from '../../lib/customer-name.ts';
import { EndorsementsPanel } from '../customers/EndorsementsPanel.tsx';
import { QaDecisionsPanel } from '../customers/QaDecisionsPanel.tsx';
import type { CustomerView } from '#shared/domain/customer.ts';
import { FollowUpPanel } from './FollowUpPanel.tsx';

const NEEDS_BASIC = ['cryptoCustody', 'usd'];

/** The endorsement A and R act on: the first pending one that can be approved now, else the first pending. */
export function keyTarget(c: CustomerView): string | undefined {
  const pending = c.endorsements.filter((e) => e.status === 'pending');
  const basicActive = c.endorsements.some((e) => e.name === 'basic' && e.status === 'active');
  return (pending.find((e) => !NEEDS_BASIC.includes(e.name) || basicActive) ?? pending[0])?.name;
}

interface Props {
  customerId: string;
  position: string;
  onNext: (() => void) | null;
  onPrev: (() => void) | null;
}

/** One customer from the queue: what waits and why, the decisions (sandbox) and the follow-ups. */
export function ReviewCase({ customerId, position, onNext, onPrev }: Props) {
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
        <div className="case-nav" role="group" aria-label="Move through the queue">
          <span className="muted small">{position}</span>
          <button type="button" className="btn" aria-keyshortcuts="P" disabled={!onPrev} onClick={() => onPrev?.()}>
            Previous <kbd aria-hidden="true">P</kbd>
          </button>
          <button type="button" className="btn btn-primary" aria-keyshortcuts="N" disabled={!onNext} onClick={() => onNext?.()}>
            Next in queue <kbd aria-hidden="true">N</kbd>
          </button>
        </div>
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
          <QaDecisionsPanel customer={customer} shortcutsFor={keyTarget(customer)} />
          <FollowUpPanel key={customer.id} customer={customer} />
        </div>
      )}
    </article>
  );
}
