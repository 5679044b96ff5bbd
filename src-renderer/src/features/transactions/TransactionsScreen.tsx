import { useEffect } from 'react';
import { TRANSACTION_STATUSES, TRANSACTION_TYPES } from '#shared/domain/transaction.ts';
import { Empty, ErrorState, Loading } from '../../components/States.tsx';
import { transactionStatusWords, transactionTypeWords } from './money-words.ts';
import { FindTransaction } from './FindTransaction.tsx';
import { TransactionDetail } from './TransactionDetail.tsx';
import { TransactionTable, type TxnColumn } from './TransactionTable.tsx';
import { TransactionsChart } from '../charts/TransactionsChart.tsx';
import { selectTxnFilters, selectTxnHasMore, selectTxnList, selectTxnListReq, selectTxnsById, useTransactions, type Filters } from './transactions.store.ts';
import './money.css';
import { ExportMenu } from '../export/ExportMenu.tsx';

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

const LIST_COLUMNS: readonly TxnColumn[] = ['when', 'type', 'amount', 'status', 'parties'];

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
      <TransactionTable items={ids.map((id) => byId[id]!)} columns={LIST_COLUMNS} caption="Transactions, newest first" />
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
        <ExportMenu dataset="transactions" />
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
