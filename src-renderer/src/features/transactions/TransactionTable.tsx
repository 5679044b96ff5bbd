import { useEffect } from 'react';
import type { TransactionView } from '#shared/domain/transaction.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { TimeAgo } from '../../components/TimeAgo.tsx';
import { formatAmount } from '../../lib/money.ts';
import { shortId, shownAmount, statusTone, subStatusWords, transactionStatusWords, transactionTypeWords } from './money-words.ts';
import { selectParty, useTransactions } from './transactions.store.ts';
import './money.css';

/** The columns a transaction list can show, in the order they are given. */
export type TxnColumn = 'when' | 'type' | 'amount' | 'status' | 'parties';

const HEAD: Record<TxnColumn, string> = { when: 'When', type: 'Type', amount: 'Amount', status: 'Status', parties: 'Sender → recipient' };

const partyIds = (items: readonly TransactionView[]) => items.flatMap((t) => [t.sender?.customerId, t.recipient?.customerId]).filter((id): id is string => !!id);

/**
 * One side of a transaction. The id shows at once and stays (whole in the text, so it copies whole,
 * even where the cell cuts it short); the name line keeps its height until main has named the
 * customer, so nothing moves when it arrives.
 */
function Party({ customerId, address, side }: { customerId: string | null; address: string | null; side: string }) {
  const named = useTransactions(selectParty(customerId));
  if (!customerId) {
    return (
      <div className="txn-party">
        <span className="txn-party-name muted">
          <span className="sr-only">{side}: </span>
          {address ? 'External address' : '—'}
        </span>
        {address && (
          <span className="txn-party-id mono small" title={address}>
            {shortId(address)}
          </span>
        )}
      </div>
    );
  }
  const words = named?.name ?? named?.emailMasked ?? '';
  return (
    <div className="txn-party">
      <span className="txn-party-name">
        <span className="sr-only">{side}: </span>
        {words}
      </span>
      <span className="txn-party-id mono small" title={customerId}>
        {customerId}
      </span>
    </div>
  );
}

function Cell({ column, t }: { column: TxnColumn; t: TransactionView }) {
  switch (column) {
    case 'when':
      return <td>{t.createdAt ? <TimeAgo at={t.createdAt} /> : '—'}</td>;
    case 'type':
      return (
        <td>
          <a href={`#/transactions/${t.id}`} aria-label={`${transactionTypeWords(t.type)}, transaction ${t.id}`}>
            {transactionTypeWords(t.type)}
          </a>
          <div className="mono small muted">{t.id}</div>
        </td>
      );
    case 'amount':
      return <td className="num mono">{formatAmount(shownAmount(t).amount, shownAmount(t).asset)}</td>;
    case 'status':
      return (
        <td>
          <StatusBadge tone={statusTone(t.status)}>{transactionStatusWords(t.status)}</StatusBadge>
          {t.subStatus && <div className="small muted">{subStatusWords(t.subStatus)}</div>}
        </td>
      );
    case 'parties':
      return (
        <td>
          <div className="txn-parties">
            <Party side="Sender" customerId={t.sender?.customerId ?? null} address={t.sender?.customerId ? null : t.source.address} />
            <span aria-hidden="true">→</span>
            <Party side="Recipient" customerId={t.recipient?.customerId ?? null} address={t.recipient?.customerId ? null : t.destination.address} />
          </div>
        </td>
      );
  }
}

/** Transactions as rows, newest first: the Transactions screen and a customer's panel both show them this way. */
export function TransactionTable({ items, columns, caption }: { items: readonly TransactionView[]; columns: readonly TxnColumn[]; caption: string }) {
  const wantsNames = columns.includes('parties');
  const key = wantsNames ? [...new Set(partyIds(items))].join(',') : '';
  useEffect(() => {
    if (key) void useTransactions.getState().nameParties(key.split(','));
  }, [key]);
  return (
    <table className="table txn-table">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col" className={c === 'amount' ? 'num' : undefined}>
              {HEAD[c]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {items.map((t) => (
          <tr key={t.id} className="txn-row">
            {columns.map((c) => (
              <Cell key={c} column={c} t={t} />
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
