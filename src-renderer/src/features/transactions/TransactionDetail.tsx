import { useEffect } from 'react';
import type { LegView, TransactionView } from '#shared/domain/transaction.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { ErrorState, Loading } from '../../components/States.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { feeParts, formatAmount, isZeroAmount, networkName } from '../../lib/money.ts';
import { isFinal, shortId, statusTone, subStatusWords, transactionStatusWords, transactionTypeWords } from './money-words.ts';
import { useCustomers } from '../customers/customers.store.ts';
import { selectCustomer, selectRow } from '../customers/customers.selectors.ts';
import { customerName } from '../../lib/customer-name.ts';
import { selectTxn, selectTxnReq, useTransactions } from './transactions.store.ts';
import './money.css';

const when = (iso: string | null) => (iso ? formatDateTime(iso) : null);

/** "after 2.8 s" / "after 3 min": how long OMS took from creation to a final status. */
function took(from: string | null, to: string | null): string | null {
  if (!from || !to) return null;
  const ms = Date.parse(to) - Date.parse(from);
  if (!Number.isFinite(ms) || ms < 0) return null;
  return ms < 60_000 ? `after ${(ms / 1000).toFixed(1)} s` : `after ${Math.round(ms / 60_000)} min`;
}

/**
 * created → processing → completed/failed, each with the time OMS gave. OMS's status set starts at
 * processing, so that step began when the transaction was created.
 */
function Timeline({ t }: { t: TransactionView }) {
  const ended = t.status === 'failed' ? (t.updatedAt ?? t.completedAt) : t.completedAt;
  const steps: { label: string; at: string | null; note: string | null; state: 'done' | 'current' | 'todo' | 'failed' }[] = [
    { label: 'Created', at: t.createdAt, note: null, state: 'done' },
    { label: t.status === 'cashPickupReady' ? 'Ready for cash pickup' : 'Processing', at: t.createdAt, note: isFinal(t.status) ? null : 'in progress…', state: isFinal(t.status) ? 'done' : 'current' },
    t.status === 'failed'
      ? { label: 'Failed', at: ended, note: took(t.createdAt, ended), state: 'failed' }
      : { label: 'Completed', at: t.completedAt, note: t.status === 'completed' ? took(t.createdAt, t.completedAt) : 'not yet', state: t.status === 'completed' ? 'done' : 'todo' },
  ];
  return (
    <ol className="txn-timeline" aria-label="Lifecycle">
      {steps.map((s) => (
        <li key={s.label} className={`txn-timeline-step step-${s.state}`} aria-current={s.state === 'current' ? 'step' : undefined}>
          <span className="txn-timeline-dot" aria-hidden="true" />
          <span className="txn-timeline-label">{s.label}</span>
          {s.at && s.state !== 'todo' && <time dateTime={s.at} className="small muted">{when(s.at)}</time>}
          {s.note && <span className="small muted">{s.note}</span>}
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

/** A customer named as the console knows them (masked email from main), loaded once if unknown. */
function CustomerParty({ customerId }: { customerId: string }) {
  const full = useCustomers(selectCustomer(customerId));
  const row = useCustomers(selectRow(customerId));
  const known = full ?? row;
  useEffect(() => {
    if (!useCustomers.getState().byId[customerId] && !useCustomers.getState().rows[customerId]) void useCustomers.getState().load(customerId);
  }, [customerId]);
  return (
    <a className="party" href={`#/customers/${customerId}`} aria-label={`Open customer ${customerId}`}>
      <span className="party-name">{known ? customerName(known) : 'Customer'}</span>
      {known?.emailMasked && <span className="small muted"> · {known.emailMasked}</span>}
      <span className="mono small id"> {customerId}</span>
    </a>
  );
}

function Party({ label, customerId, walletId, address }: { label: string; customerId: string | null; walletId: string | null; address: string | null }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        {customerId ? <CustomerParty customerId={customerId} /> : <span className="muted">{address ? 'External address' : '—'}</span>}
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

/** Gross (before this side's fees) and net (after them), as OMS stated each. */
function GrossNet({ leg }: { leg: LegView }) {
  const net = leg.amountNet ?? leg.amountGross;
  return (
    <>
      <span className="mono">{formatAmount(leg.amountGross, leg.asset)}</span> <span className="small muted">gross</span>
      {' · '}
      <span className="mono">{formatAmount(net, leg.asset)}</span> <span className="small muted">net</span>{' '}
      <span className="small muted">on {networkName(leg.network)}</span>
    </>
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
            <GrossNet leg={t.source} />
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
            <GrossNet leg={t.destination} />
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
