import { useEffect } from 'react';
import { ErrorState, Loading } from '../../components/States.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { TimeAgo } from '../../components/TimeAgo.tsx';
import { formatAmount } from '../../lib/money.ts';
import { shownAmount, statusTone, subStatusWords, transactionStatusWords, transactionTypeWords } from '../transactions/money-words.ts';
import { useWallets } from '../wallets/wallets.store.ts';
import { selectTransactions } from '../wallets/wallets.selectors.ts';

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
        <table className="table">
          <caption className="sr-only">Transactions of {customerId}</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Type</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col">Status</th>
              <th scope="col">Id</th>
            </tr>
          </thead>
          <tbody>
            {tx.items.map((t) => (
              <tr key={t.id}>
                <td>{t.createdAt ? <TimeAgo at={t.createdAt} /> : '—'}</td>
                <td>
                  <a href={`#/transactions/${t.id}`} aria-label={`${transactionTypeWords(t.type)}, transaction ${t.id}`}>
                    {transactionTypeWords(t.type)}
                  </a>
                </td>
                <td className="num mono">{formatAmount(shownAmount(t).amount, shownAmount(t).asset)}</td>
                <td>
                  <StatusBadge tone={statusTone(t.status)}>{transactionStatusWords(t.status)}</StatusBadge>
                  {t.subStatus && <div className="small muted">{subStatusWords(t.subStatus)}</div>}
                </td>
                <td className="mono small">{t.id}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
