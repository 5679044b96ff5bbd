import { useEffect, useState } from 'react';
import { ErrorState, Loading, Empty } from '../../components/States.tsx';
import { useRoute } from '../../stores/route.store.ts';
import { useCustomers } from '../customers/customers.store.ts';
import { selectCustomer, selectDetailReq } from '../customers/customers.selectors.ts';
import { customerName } from '../customers/EndorsementBadges.tsx';
import { WalletsPanel } from './WalletsPanel.tsx';

/** Wallets are per customer: pick one by id, then provision, refresh and (locally) deposit. */
export function WalletsScreen({ customerId }: { customerId: string | undefined }) {
  const [text, setText] = useState(customerId ?? '');
  const customer = useCustomers(selectCustomer(customerId));
  const req = useCustomers(selectDetailReq(customerId ?? ''));
  useEffect(() => {
    if (customerId) void useCustomers.getState().load(customerId);
  }, [customerId]);
  const open = (e: React.FormEvent) => {
    e.preventDefault();
    const id = text.trim();
    if (id) useRoute.getState().navigate('wallets', id);
  };
  return (
    <section className="screen">
      <header className="screen-head">
        <h1>Wallets</h1>
      </header>
      <form className="search-bar inline-form" onSubmit={open}>
        <label htmlFor="wallet-customer" className="inline-label">
          Customer id
        </label>
        <input id="wallet-customer" className="mono" placeholder="cst_…" value={text} onChange={(e) => setText(e.target.value)} />
        <button type="submit" className="btn">
          Show wallets
        </button>
      </form>
      {!customerId ? (
        <Empty title="Choose a customer." hint="Paste a customer id above, or open a customer from Customers and use its Wallets panel." />
      ) : !customer ? (
        req.status === 'error' && req.error ? (
          <ErrorState error={req.error} what={`customer ${customerId}`} onRetry={() => void useCustomers.getState().load(customerId)} />
        ) : (
          <Loading what="customer" />
        )
      ) : (
        <>
          <p>
            <a href={`#/customers/${customer.id}`}>{customerName(customer)}</a> <span className="mono muted">{customer.id}</span>
          </p>
          <WalletsPanel customer={customer} />
        </>
      )}
    </section>
  );
}
