import { useEffect } from 'react';
import { CopyButton } from '../../components/CopyButton.tsx';
import { Empty, ErrorState, Loading } from '../../components/States.tsx';
import { useRoute } from '../../stores/route.store.ts';
import { useCustomers } from '../customers/customers.store.ts';
import { selectCustomer, selectDetailReq } from '../customers/customers.selectors.ts';
import { customerName } from '../../lib/customer-name.ts';
import { findWalletOwner } from '../customers/jump-to-id.ts';
import { CustomerPicker } from './CustomerPicker.tsx';
import { MoneyPanel } from './MoneyPanel.tsx';
import { WalletsPanel } from './WalletsPanel.tsx';
import { selectLastCustomerId, useWalletsUi } from './wallets-ui.store.ts';

/** Wallets are per customer: find one (name, email, id), then provision, refresh and (locally) deposit. */
export function WalletsScreen({ customerId, action }: { customerId: string | undefined; action?: 'fund' | 'send' | undefined }) {
  const last = useWalletsUi(selectLastCustomerId);
  const customer = useCustomers(selectCustomer(customerId));
  const req = useCustomers(selectDetailReq(customerId ?? ''));
  useEffect(() => {
    // A deep link or pasted link names a wallet (`#/wallets/wlt_…`): open its owner's wallets.
    if (customerId?.startsWith('wlt_')) {
      void findWalletOwner(customerId).then((r) => 'id' in r && useRoute.getState().navigate('wallets', r.id));
      return;
    }
    if (customerId) void useCustomers.getState().load(customerId);
    // Opening Wallets without a customer reopens the last one.
    else if (last) useRoute.getState().navigate('wallets', last);
  }, [customerId, last]);
  useEffect(() => {
    if (customer) useWalletsUi.getState().remember(customer.id);
  }, [customer]);
  const forget = () => {
    useWalletsUi.getState().remember(null);
    useRoute.getState().navigate('wallets');
  };
  return (
    <section className="screen wallets-screen">
      <header className="screen-head">
        <h1>Wallets</h1>
      </header>
      <CustomerPicker onPick={(id) => useRoute.getState().navigate('wallets', id)} />
      {!customerId ? (
        <Empty title="Choose a customer." hint="Search above by name, email or id, or paste a wallet id to open its owner." />
      ) : !customer ? (
        req.status === 'error' && req.error ? (
          <>
            <ErrorState error={req.error} what={`customer ${customerId}`} onRetry={() => void useCustomers.getState().load(customerId)} />
            <button type="button" className="btn btn-small btn-ghost" onClick={forget}>
              Clear
            </button>
          </>
        ) : (
          <Loading what="customer" />
        )
      ) : (
        <>
          <div className="picked" role="region" aria-label="Chosen customer">
            <span className="small muted">Wallets of</span>
            <a href={`#/customers/${customer.id}`} className="picked-name">
              {customerName(customer)}
            </a>
            <span className="muted">{customer.emailMasked ?? ''}</span>
            <span className="mono small">{customer.id}</span>
            <CopyButton value={customer.id} label="Copy customer id" />
          </div>
          <WalletsPanel customer={customer} />
          <MoneyPanel customer={customer} initial={action} />
        </>
      )}
    </section>
  );
}
