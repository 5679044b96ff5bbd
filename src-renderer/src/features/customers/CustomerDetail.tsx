import { useEffect } from 'react';
import { ErrorState, Loading } from '../../components/States.tsx';
import { WalletsPanel } from '../wallets/WalletsPanel.tsx';
import { CapabilityLine } from '../wallets/MoneyPanel.tsx';
import { ActivityTimeline } from './ActivityTimeline.tsx';
import { useCustomers } from './customers.store.ts';
import { selectCustomer, selectDetailReq } from './customers.selectors.ts';
import { customerName } from '../../lib/customer-name.ts';
import { EndorsementsPanel } from './EndorsementsPanel.tsx';
import { INACTIVE_REASON } from './endorsement-words.ts';
import { LiveNotices } from './LiveNotices.tsx';
import { QaDecisionsPanel } from './QaDecisionsPanel.tsx';
import { ProfileCard } from './ProfileCard.tsx';
import { TransactionsPanel } from './TransactionsPanel.tsx';

/** One customer: profile, endorsements (live), wallets, transactions and activity. */
export function CustomerDetail({ customerId }: { customerId: string }) {
  const customer = useCustomers(selectCustomer(customerId));
  const req = useCustomers(selectDetailReq(customerId));
  useEffect(() => {
    void useCustomers.getState().load(customerId);
  }, [customerId]);
  const retry = () => void useCustomers.getState().load(customerId);
  return (
    <section className="screen customer-view">
      <nav aria-label="Breadcrumb" className="crumbs">
        <a href="#/customers">Customers</a> <span aria-hidden="true">/</span> <span className="mono">{customerId}</span>
      </nav>
      {!customer ? (
        req.status === 'error' && req.error ? (
          <ErrorState error={req.error} what={`customer ${customerId}`} onRetry={retry} />
        ) : (
          <Loading what="customer" />
        )
      ) : (
        <>
          <header className="screen-head">
            <h1>{customerName(customer)}</h1>
            {customer.status !== 'active' && <span className="badge badge-neutral">Inactive</span>}
            {req.status === 'loading' && <span className="muted small">Refreshing…</span>}
            {customer.status === 'active' ? (
              <a className="btn btn-small push-right" href={`#/customers/${encodeURIComponent(customerId)}/edit`}>
                Edit customer
              </a>
            ) : (
              <span className="small muted push-right" role="note">
                {INACTIVE_REASON}
              </span>
            )}
            {req.status === 'error' && (
              <span className="inline-error small" role="alert">
                Showing saved data: refresh failed ({req.error?.message}).{' '}
                <button type="button" className="btn btn-small" onClick={retry}>
                  Retry
                </button>
              </span>
            )}
          </header>
          <CapabilityLine customer={customer} />
          <div className="detail-grid">
            <div className="col">
              <ProfileCard customer={customer} />
              <ActivityTimeline customerId={customerId} />
            </div>
            <div className="col">
              <LiveNotices customerId={customerId} />
              <EndorsementsPanel customer={customer} />
              <QaDecisionsPanel customer={customer} folded />
            </div>
          </div>
          <WalletsPanel customer={customer} />
          <TransactionsPanel customerId={customerId} />
        </>
      )}
    </section>
  );
}
