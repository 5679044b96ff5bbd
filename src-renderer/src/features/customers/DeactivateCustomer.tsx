import { useState } from 'react';
import type { CustomerView } from '#shared/domain/customer.ts';
import { api } from '../../lib/api-client.ts';
import { isCancelled, mutate } from '../../stores/mutate.ts';
import { useCustomers } from './customers.store.ts';
import { customerName } from '../../lib/customer-name.ts';

/** OMS's soft delete (`DELETE /customers/{id}`): the customer becomes inactive; asked first, in words. */
export function DeactivateCustomer({ customer }: { customer: CustomerView }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (customer.status !== 'active') {
    return (
      <section className="panel" aria-label="Deactivation">
        <p className="muted">This customer is inactive (deleted in OMS). OMS refuses changes to it.</p>
      </section>
    );
  }
  const run = async () => {
    if (busy) return;
    setBusy(true);
    const r = await mutate('customers.delete', 'Deactivate the customer', (confirm) => api().customers.delete({ customerId: customer.id, confirm }));
    setBusy(false);
    if (r.ok) {
      useCustomers.getState().upsert(r.data);
      setAsking(false);
    } else if (!isCancelled(r)) setProblem(`Not deactivated: ${r.error.message}`);
  };
  return (
    <section className="panel panel-danger" aria-label="Deactivation">
      {asking ? (
        <div role="alertdialog" aria-label={`Deactivate ${customerName(customer)}?`} className="confirm-block">
          <strong>Deactivate {customerName(customer)}?</strong>
          <p className="small">OMS marks the customer inactive (a soft delete). It can no longer be changed, and this console cannot undo it.</p>
          <div className="form-actions">
            <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void run()}>
              {busy ? 'Deactivating…' : 'Deactivate customer'}
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setAsking(false)} autoFocus>
              Keep the customer
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="btn btn-small" onClick={() => setAsking(true)}>
          Deactivate customer…
        </button>
      )}
      {problem && (
        <p className="inline-error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
