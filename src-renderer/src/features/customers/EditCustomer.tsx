import { useEffect } from 'react';
import { ErrorState, Loading } from '../../components/States.tsx';
import { notify } from '../../stores/notify.store.ts';
import { useRoute } from '../../stores/route.store.ts';
import { useCustomers } from './customers.store.ts';
import { selectCustomer, selectDetailReq } from './customers.selectors.ts';
import { DeactivateCustomer } from './DeactivateCustomer.tsx';
import { customerName } from '../../lib/customer-name.ts';
import { EditCustomerForm } from './EditCustomerForm.tsx';
import { EndorsementsPanel } from './EndorsementsPanel.tsx';
import { INACTIVE_REASON } from './endorsement-words.ts';

/** `#/customers/<id>/edit`: correct a customer beside what its endorsements still need. */
export function EditCustomer({ customerId }: { customerId: string }) {
  const customer = useCustomers(selectCustomer(customerId));
  const req = useCustomers(selectDetailReq(customerId));
  useEffect(() => {
    void useCustomers.getState().load(customerId);
  }, [customerId]);
  const back = () => useRoute.getState().navigate('customers', customerId);
  return (
    <section className="screen customer-edit">
      <nav aria-label="Breadcrumb" className="crumbs">
        <a href="#/customers">Customers</a> <span aria-hidden="true">/</span> <a href={`#/customers/${encodeURIComponent(customerId)}`}>{customer ? customerName(customer) : customerId}</a>{' '}
        <span aria-hidden="true">/</span> Edit
      </nav>
      {!customer ? (
        req.status === 'error' && req.error ? (
          <ErrorState error={req.error} what={`customer ${customerId}`} onRetry={() => void useCustomers.getState().load(customerId)} />
        ) : (
          <Loading what="customer" />
        )
      ) : (
        <>
          <header className="screen-head">
            <h1>{customer.status === 'active' ? 'Edit' : 'Read-only:'} {customerName(customer)}</h1>
          </header>
          <div className="step-grid">
            {customer.status !== 'active' ? (
              <section className="panel" aria-label="Read-only customer">
                <p role="note">{INACTIVE_REASON}</p>
                <a className="btn" href={`#/customers/${encodeURIComponent(customerId)}`}>
                  Back to the customer
                </a>
              </section>
            ) : (
              <EditCustomerForm
                key={customer.id}
                customer={customer}
                idPrefix="edit"
                onCancel={back}
                onSaved={() => {
                  back();
                  notify('ok', 'Saved. OMS re-evaluates the endorsements; their statuses update here live.');
                }}
              />
            )}
            <div className="col">
              <EndorsementsPanel customer={customer} />
              {customer.status === 'active' && <DeactivateCustomer customer={customer} />}
            </div>
          </div>
        </>
      )}
    </section>
  );
}
