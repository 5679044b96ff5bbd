import { useEffect } from 'react';
import type { LegView, TransactionView } from '#shared/domain/transaction.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { ErrorState, Loading } from '../../components/States.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { feeParts, formatAmount, isZeroAmount, networkName } from '../../lib/money.ts';
import { isFinal, shortId, statusTone, subStatusWords, transactionStatusWords, transactionTypeWords } from './money-words.ts';
import { selectTxn, selectTxnReq, useTransactions } from './transactions.store.ts';
import './money.css';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(undefined, { timeZoneName: 'short' }) : null);

/** created → processing → completed/failed, with the times OMS gave. */
function Timeline({ t }: { t: TransactionView }) {
  const steps: { label: string; at: string | null; state: 'done' | 'current' | 'todo' | 'failed' }[] = [
    { label: 'Created', at: t.createdAt, state: 'done' },
    { label: t.status === 'cashPickupReady' ? 'Ready for cash pickup' : 'Processing', at: null, state: isFinal(t.status) ? 'done' : 'current' },
    t.status === 'failed'
      ? { label: 'Failed', at: t.updatedAt ?? t.completedAt, state: 'failed' }
      : { label: 'Completed', at: t.completedAt, state: t.status === 'completed' ? 'done' : 'todo' },
  ];
  return (
    <ol className="txn-timeline" aria-label="Lifecycle">
      {steps.map((s) => (
        <li key={s.label} className={`txn-timeline-step step-${s.state}`} aria-current={s.state === 'current' ? 'step' : undefined}>
          <span className="txn-timeline-dot" aria-hidden="true" />
          <span className="txn-timeline-label">{s.label}</span>
          {s.at && <span className="small muted">{when(s.at)}</span>}
          {s.state === 'current' && <span className="small muted">in progress…</span>}
        </li>
      ))}
    </ol>
  );
}

/** Fees per side, with their parts; one zero when OMS took none. */
function Fees({ t }: { t: TransactionView }) {
  const legs: [string, LegView][] = [
    ['from what was sent', t.source],
    ['from what arrived', t.destination],
  ];
  const charged = legs.filter(([, l]) => !isZeroAmount(l.fees?.total));
  if (charged.length === 0) return <>{formatAmount('0', t.source.asset)}</>;
  return (
    <>
      {charged.map(([label, l]) => {
        return (
          <div key={label}>
            {formatAmount(l.fees!.total, l.asset)}{' '}
            <span className="small muted">
              {label}
              {feeParts(l.fees!, l.asset)}
            </span>
          </div>
        );
      })}
    </>
  );
}

function Party({ label, customerId, walletId, address }: { label: string; customerId: string | null; walletId: string | null; address: string | null }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        {customerId ? (
          <a className="mono id" href={`#/customers/${customerId}`} aria-label={`Open customer ${customerId}`}>
            {customerId}
          </a>
        ) : (
          <span className="muted">{address ? 'External address' : '—'}</span>
        )}
        {walletId && <div className="mono small">{walletId}</div>}
        {address && (
          <div className="mono small" title={address}>
            {shortId(address)} <CopyButton value={address} label={`Copy ${label.toLowerCase()} address`} />
          </div>
        )}
      </dd>
    </div>
  );
}

/** One transaction: lifecycle, parties, amounts gross and net, fees, hash; live until final. */
export function TransactionDetail({ id }: { id: string }) {
  const t = useTransactions(selectTxn(id));
  const req = useTransactions(selectTxnReq(id));
  useEffect(() => {
    void useTransactions.getState().load(id);
  }, [id]);
  useEffect(() => {
    if (t && !isFinal(t.status)) useTransactions.getState().follow(id);
  }, [id, t]);
  if (!t) return req.status === 'error' && req.error ? <ErrorState error={req.error} what={`transaction ${id}`} onRetry={() => void useTransactions.getState().load(id)} /> : <Loading what="transaction" />;
  const hash = t.destination.txHash ?? t.source.txHash;
  return (
    <article className="panel txn-detail" aria-labelledby={`txn-${t.id}`}>
      <div className="panel-head">
        <h2 id={`txn-${t.id}`}>
          {transactionTypeWords(t.type)} <span className="mono small muted">{t.id}</span>
        </h2>
        <CopyButton value={t.id} label="Copy transaction id" />
        <span role="status" aria-label="Transaction status">
          <StatusBadge tone={statusTone(t.status)}>{transactionStatusWords(t.status)}</StatusBadge>
        </span>
      </div>
      {t.subStatus && <p className="small muted">Detail from OMS: {subStatusWords(t.subStatus)}</p>}
      {t.error && (
        <p className="inline-error" role="alert">
          {t.error}
        </p>
      )}
      <Timeline t={t} />
      <dl className="txn-facts">
        <Party label="Sender" customerId={t.sender?.customerId ?? null} walletId={t.source.walletId} address={t.source.address} />
        <Party label="Recipient" customerId={t.recipient?.customerId ?? null} walletId={t.destination.walletId} address={t.destination.address} />
        <div>
          <dt>Sent</dt>
          <dd>
            <span className="mono">{formatAmount(t.source.amountGross, t.source.asset)}</span> <span className="small muted">on {networkName(t.source.network)}</span>
          </dd>
        </div>
        <div>
          <dt>Fees</dt>
          <dd>
            <Fees t={t} />
          </dd>
        </div>
        <div>
          <dt>Arrives</dt>
          <dd>
            <span className="mono">{formatAmount(t.destination.amountNet ?? t.destination.amountGross, t.destination.asset)}</span>{' '}
            <span className="small muted">on {networkName(t.destination.network)}</span>
          </dd>
        </div>
        <div>
          <dt>On-chain hash</dt>
          <dd>
            {hash ? (
              <span className="mono small" title={hash}>
                {shortId(hash)} <CopyButton value={hash} label="Copy transaction hash" />
              </span>
            ) : (
              <span className="muted">{isFinal(t.status) ? 'none' : 'not yet'}</span>
            )}
          </dd>
        </div>
        {t.quoteId && (
          <div>
            <dt>Quote</dt>
            <dd className="mono small">{t.quoteId}</dd>
          </div>
        )}
      </dl>
    </article>
  );
}
