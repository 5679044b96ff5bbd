import { useEffect, useState } from 'react';
import type { CashInView } from '#shared/domain/money-flow.ts';
import type { CustomerView } from '#shared/domain/customer.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { InlineError } from '../../components/States.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { assetName, formatAmount, formatFiat, networkName } from '../../lib/money.ts';
import { selectQaAvailable, useSandbox } from '../../stores/sandbox.store.ts';
import { useWallets } from '../wallets/wallets.store.ts';
import { selectBalance, selectWalletIds, selectWalletsById } from '../wallets/wallets.selectors.ts';
import { selectCashIn, selectCashInBusy, selectCashInError, selectCashLocations, selectOpenCashIns, useCashIn } from './cash-in.store.ts';
import { subStatusWords } from './money-words.ts';
import { useSecondsLeft } from './quote-clock.ts';

const mmss = (s: number) => `${Math.floor(s / 3600) > 0 ? `${Math.floor(s / 3600)}:` : ''}${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;

function DepositCode({ c }: { c: CashInView }) {
  const left = useSecondsLeft(c.depositInstructions?.expiresAt ?? null);
  const code = c.depositInstructions?.code;
  return (
    <div className="quote-card" role="region" aria-label="Deposit code">
      <div className="small muted">Show this code at {c.depositInstructions?.locationName ?? c.location?.name ?? 'the counter'}</div>
      <div className="deposit-code" aria-label="Code">
        {code ?? '—'} {code && <CopyButton value={code} label="Copy deposit code" />}
      </div>
      <div className="small">{c.depositInstructions?.locationAddress ?? c.location?.address ?? ''}</div>
      <p className="small" role="timer" aria-label="Code expiry">
        {left === null ? '' : left > 0 ? `Valid for ${mmss(left)} more.` : 'This code has expired: get a new one.'}
      </p>
      <p className="small muted">
        Indicated amount {formatFiat(c.indicatedAmount, 'USD')} → {assetName(c.destination.asset)} on {networkName(c.destination.network)}.
        {c.feeSchedule?.entries.length ? ` Fees: ${c.feeSchedule.entries.map((e) => (e.rate ? `${e.rate} of the amount` : `${e.amount ?? '?'} ${c.feeSchedule?.feeCurrency ?? ''}`)).join(' + ')}.` : ''}
      </p>
    </div>
  );
}

/**
 * Fund a wallet with cash at a retail counter: pick a location, create the cash-in, show its code
 * and expiry; on sandbox profiles QA can pay "at the counter"; the credited balance shows live.
 */
export function FundCashIn({ customer }: { customer: CustomerView }) {
  const ids = useWallets(selectWalletIds(customer.id))?.ids ?? [];
  const byId = useWallets(selectWalletsById);
  const wallets = ids.flatMap((id) => (byId[id] ? [byId[id]] : []));
  const qa = useSandbox(selectQaAvailable);
  const [walletId, setWalletId] = useState('');
  const [chosenLocation, setLocationId] = useState('');
  const [amount, setAmount] = useState('100.00');
  const locations = useCashIn(selectCashLocations);
  // Until the store has started for this customer, another customer's cash-in is not this one's.
  const cashIn = useCashIn((s) => (s.customerId === customer.id ? selectCashIn(s) : null));
  const open = useCashIn(selectOpenCashIns);
  const busy = useCashIn(selectCashInBusy);
  const error = useCashIn(selectCashInError);
  const wallet = wallets.find((w) => w.id === walletId) ?? wallets[0];
  const balance = useWallets(selectBalance(wallet?.id ?? ''));
  const locationId = chosenLocation || (locations?.[0]?.id ?? '');

  useEffect(() => {
    void useCashIn.getState().start(customer.id);
  }, [customer.id]);

  // A code paid at a real counter settles without this screen: while it waits, read it again.
  const waiting = cashIn?.status === 'pending' || cashIn?.status === 'processing';
  useEffect(() => {
    if (!waiting) return;
    const t = setInterval(() => void useCashIn.getState().recheck(), 5000);
    return () => clearInterval(t);
  }, [waiting, cashIn?.id]);

  const location = locations?.find((l) => l.id === locationId);
  const create = () => {
    if (wallet && location) void useCashIn.getState().create({ walletId: wallet.id, location, amount });
  };
  const act = (what: 'refresh' | 'pay') => void useCashIn.getState().act(what, wallet?.id ?? null);

  if (wallets.length === 0) return <p className="muted">Provision a wallet first: cash is credited to one of the customer's wallets.</p>;
  if (cashIn)
    return (
      <div className="money-form">
        <p>
          Cash-in <span className="mono small">{cashIn.id}</span>{' '}
          <StatusBadge tone={cashIn.status === 'completed' ? 'ok' : cashIn.status === 'failed' || cashIn.status === 'expired' ? 'bad' : 'warn'}>{cashIn.status ?? 'unknown'}</StatusBadge>
          {cashIn.subStatus && <span className="small muted"> · {subStatusWords(cashIn.subStatus)}</span>}
        </p>
        {cashIn.status === 'completed' ? (
          <p role="status">
            Paid. {wallet && <>Balance now {formatAmount(balance?.data?.balance ?? null, wallet.asset)}.</>}
            {cashIn.transactionId && (
              <>
                {' '}
                <a href={`#/transactions/${cashIn.transactionId}`}>See the transaction</a>
              </>
            )}
          </p>
        ) : (
          <DepositCode c={cashIn} />
        )}
        {error && <InlineErrorText text={error.text} />}
        <div className="form-actions">
          {cashIn.status === 'pending' && (
            <button type="button" className="btn" disabled={busy !== null} onClick={() => act('refresh')}>
              {busy === 'refresh' ? 'Refreshing…' : 'New deposit code'}
            </button>
          )}
          {qa && cashIn.status === 'pending' && (
            <button type="button" className="btn btn-qa" disabled={busy !== null} onClick={() => act('pay')}>
              {busy === 'pay' ? 'Paying…' : 'QA: simulate payment at the counter'}
            </button>
          )}
          <button type="button" className="btn btn-ghost" onClick={() => useCashIn.getState().pick(null)}>
            Start another
          </button>
        </div>
      </div>
    );
  return (
    <form
      className="money-form"
      aria-label="Fund with cash"
      onSubmit={(e) => {
        e.preventDefault();
        create();
      }}
    >
      <label>
        Credit wallet
        <select value={wallet?.id ?? ''} onChange={(e) => setWalletId(e.target.value)}>
          {wallets.map((w) => (
            <option key={w.id} value={w.id}>
              {assetName(w.asset)} on {networkName(w.chain)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Cash location
        <select value={locationId} onChange={(e) => setLocationId(e.target.value)} disabled={!locations?.length}>
          {!locations && <option>Loading locations…</option>}
          {locations?.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name ?? l.id}
              {l.address ? ` — ${l.address}` : ''}
              {l.distance ? ` (${l.distance})` : ''}
            </option>
          ))}
        </select>
      </label>
      <label>
        Amount the customer brings (USD)
        <input className="mono" inputMode="decimal" value={amount} maxLength={20} onChange={(e) => setAmount(e.target.value)} />
      </label>
      {error && (error.e ? <InlineError error={{ ...error.e, message: error.text }} /> : <InlineErrorText text={error.text} />)}
      {open.length > 0 && (
        <p className="small">
          Open codes:{' '}
          {open.map((c) => (
            <button key={c.id} type="button" className="btn btn-small btn-ghost" onClick={() => useCashIn.getState().pick(c)}>
              {c.depositInstructions?.code ?? c.id} ({formatFiat(c.indicatedAmount, 'USD')})
            </button>
          ))}
        </p>
      )}
      <button type="submit" className="btn btn-primary" disabled={busy !== null || !location || !/^\d+(\.\d{1,2})?$/.test(amount.trim())}>
        {busy === 'create' ? 'Creating…' : 'Get a deposit code'}
      </button>
    </form>
  );
}

function InlineErrorText({ text }: { text: string }) {
  return (
    <p className="inline-error" role="alert">
      {text}
    </p>
  );
}
