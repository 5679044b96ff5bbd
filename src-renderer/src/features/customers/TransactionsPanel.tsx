import { useEffect } from 'react';
import { ErrorState, Loading } from '../../components/States.tsx';
import { TransactionTable, type TxnColumn } from '../transactions/TransactionTable.tsx';
import { useWallets } from '../wallets/wallets.store.ts';
import { selectTransactions } from '../wallets/wallets.selectors.ts';

const PANEL_COLUMNS: readonly TxnColumn[] = ['when', 'type', 'amount', 'status', 'parties'];

/** A customer's transactions, newest first. */
export function TransactionsPanel({ customerId }: { customerId: string }) {
  const tx = useWallets(selectTransactions(customerId));
  useEffect(() => {
    void useWallets.getState().loadTransactions(customerId);
  }, [customerId]);
  const reload = () => void useWallets.getState().loadTransactions(customerId);
  return (
    <section className="panel" aria-labelledby="tx-h">
      <div className="panel-head">
        <h2 id="tx-h">Transactions</h2>
        <a className="btn btn-small btn-ghost" href={`#/wallets/${customerId}/send`}>
          Send or fund
        </a>
      </div>
      {!tx || (tx.req.status === 'loading' && tx.items.length === 0) ? (
        <Loading what="transactions" />
      ) : tx.req.status === 'error' && tx.req.error ? (
        <ErrorState error={tx.req.error} what="transactions" onRetry={reload} />
      ) : tx.items.length === 0 ? (
        <p className="muted">No transactions yet.</p>
      ) : (
        <TransactionTable items={tx.items} columns={PANEL_COLUMNS} caption={`Transactions of ${customerId}`} />
      )}
    </section>
  );
}
