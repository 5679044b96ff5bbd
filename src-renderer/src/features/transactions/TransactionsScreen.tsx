import { useEffect } from 'react';
import { TRANSACTION_STATUSES, TRANSACTION_TYPES } from '#shared/domain/transaction.ts';
import { Empty, ErrorState, Loading } from '../../components/States.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { TimeAgo } from '../../components/TimeAgo.tsx';
import { formatAmount } from '../../lib/money.ts';
import { shortId, shownAmount, statusTone, transactionStatusWords, transactionTypeWords } from './money-words.ts';
import { FindTransaction } from './FindTransaction.tsx';
import { TransactionDetail } from './TransactionDetail.tsx';
import { TransactionsChart } from '../charts/TransactionsChart.tsx';
import { selectTxnFilters, selectTxnHasMore, selectTxnList, selectTxnListReq, selectTxnsById, useTransactions, type Filters } from './transactions.store.ts';
import './money.css';

function FiltersBar() {
  const f = useTransactions(selectTxnFilters);
  const set = (patch: Partial<Filters>) => {
    const next = { ...f, ...patch };
    for (const k of Object.keys(next) as (keyof Filters)[]) if (next[k] === undefined || next[k] === '') delete next[k];
    void useTransactions.getState().setFilters(next);
  };
  const day = (iso: string | undefined) => (iso ? iso.slice(0, 10) : '');
  return (
    <div className="txn-filters" role="group" aria-label="Filters">
      <label>
        Type
        <select value={f.type ?? ''} onChange={(e) => set({ type: (e.target.value || undefined) as Filters['type'] })}>
          <option value="">Any type</option>
          {TRANSACTION_TYPES.map((t) => (
            <option key={t} value={t}>
              {transactionTypeWords(t)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Status
        <select value={f.status ?? ''} onChange={(e) => set({ status: (e.target.value || undefined) as Filters['status'] })}>
          <option value="">Any status</option>
          {TRANSACTION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {transactionStatusWords(s)}
            </option>
          ))}
        </select>
      </label>
      <label>
        From (UTC)
        <input type="date" value={day(f.createdAfter)} onChange={(e) => set({ createdAfter: e.target.value ? `${e.target.value}T00:00:00Z` : undefined })} />
      </label>
      <label>
        To (UTC, inclusive)
        <input type="date" value={day(f.createdBefore)} onChange={(e) => set({ createdBefore: e.target.value ? `${e.target.value}T23:59:59.999Z` : undefined })} />
      </label>
    </div>
  );
}

function TransactionList() {
  const ids = useTransactions(selectTxnList);
  const byId = useTransactions(selectTxnsById);
  const req = useTransactions(selectTxnListReq);
  const hasMore = useTransactions(selectTxnHasMore);
  if (req.status === 'error' && req.error && ids.length === 0)
    return <ErrorState error={req.error} what="transactions" onRetry={() => void useTransactions.getState().setFilters(useTransactions.getState().filters)} />;
  if (req.status === 'loading' && ids.length === 0) return <Loading what="transactions" />;
  if (ids.length === 0) return <Empty title="No transactions match." hint="Change the filters, or find one by id or hash above." />;
  return (
    <>
      <table className="table">
        <caption className="sr-only">Transactions, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Type</th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col">Status</th>
            <th scope="col">Sender → recipient</th>
          </tr>
        </thead>
        <tbody>
          {ids.map((id) => {
            const t = byId[id]!;
            return (
              <tr key={id} className="txn-row">
                <td>{t.createdAt ? <TimeAgo at={t.createdAt} /> : '—'}</td>
                <td>
                  <a href={`#/transactions/${t.id}`} aria-label={`${transactionTypeWords(t.type)}, transaction ${t.id}`}>
                    {transactionTypeWords(t.type)}
                  </a>
                  <div className="mono small muted">{t.id}</div>
                </td>
                <td className="num mono">{formatAmount(shownAmount(t).amount, shownAmount(t).asset)}</td>
                <td>
                  <StatusBadge tone={statusTone(t.status)}>{transactionStatusWords(t.status)}</StatusBadge>
                </td>
                <td className="mono small">
                  {shortId(t.sender?.customerId ?? t.source.address)} → {shortId(t.recipient?.customerId ?? t.destination.address)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {hasMore && (
        <button type="button" className="btn" disabled={req.status === 'loading'} onClick={() => void useTransactions.getState().loadMore()}>
          {req.status === 'loading' ? 'Loading…' : 'Load older transactions'}
        </button>
      )}
    </>
  );
}

/** Transactions across customers: find, filter, page; a detail view with the lifecycle. */
export function TransactionsScreen({ transactionId }: { transactionId?: string | undefined }) {
  useEffect(() => {
    const s = useTransactions.getState();
    if (s.listReq.status === 'idle') void s.setFilters({});
  }, []);
  return (
    <section className="screen transactions-screen">
      <header className="screen-head">
        <h1>Transactions</h1>
      </header>
      <FindTransaction />
      {transactionId && <TransactionDetail key={transactionId} id={transactionId} />}
      <TransactionsChart />
      <section className="panel" aria-label="All transactions">
        <FiltersBar />
        <TransactionList />
      </section>
    </section>
  );
}
