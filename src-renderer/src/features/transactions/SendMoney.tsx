import { useState } from 'react';
import type { QuoteView } from '#shared/domain/money-flow.ts';
import type { AppError } from '#shared/ipc/result.ts';
import type { CustomerView } from '#shared/domain/customer.ts';
import { QuoteRequest } from '#shared/ipc/quotes.contract.ts';
import { api } from '../../lib/api-client.ts';
import { assetName, formatAmount, networkName } from '../../lib/money.ts';
import { isCancelled, mutate } from '../../stores/mutate.ts';
import { useWallets } from '../wallets/wallets.store.ts';
import { selectWalletIds, selectWalletsById } from '../wallets/wallets.selectors.ts';
import { isLapsed, moneyErrorWords, shortId } from './money-words.ts';
import { QuoteReview } from './QuoteReview.tsx';
import { localDeadline, useSecondsLeft } from './quote-clock.ts';
import { TransactionDetail } from './TransactionDetail.tsx';
import { useTransactions } from './transactions.store.ts';

/** `receivedAt` times the quote on this clock; `lapsed` is set once OMS itself says it expired. */
type Stage = { kind: 'form' } | { kind: 'quote'; quote: QuoteView; receivedAt: number; lapsed: boolean } | { kind: 'sent'; transactionId: string };

/** A quote as it arrives: its countdown starts now, on this machine's clock. */
const arrived = (quote: QuoteView): Stage => ({ kind: 'quote', quote, receivedAt: Date.now(), lapsed: false });

/**
 * Send: destination (address or another customer's wallet) and an amount on either side → a quote
 * to review (fees, rate, what arrives, a live expiry; re-quote when it lapses) → execute, with the
 * production confirmation naming amount and destination → live status until final.
 */
export function SendMoney({ customer }: { customer: CustomerView }) {
  const ids = useWallets(selectWalletIds(customer.id))?.ids ?? [];
  const byId = useWallets(selectWalletsById);
  const wallets = ids.flatMap((id) => (byId[id] ? [byId[id]] : []));
  const [walletId, setWalletId] = useState('');
  const [kind, setKind] = useState<'address' | 'wallet'>('address');
  const [target, setTarget] = useState('');
  const [side, setSide] = useState<'source' | 'destination'>('source');
  const [amount, setAmount] = useState('');
  const [stage, setStage] = useState<Stage>({ kind: 'form' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // No choice yet means the first wallet: derived, not copied into state by an effect.
  const source = wallets.find((w) => w.id === walletId) ?? wallets[0];
  const request = source
    ? QuoteRequest.safeParse({
        customerId: customer.id,
        sourceWalletId: source.id,
        destination: kind === 'wallet' ? { kind, walletId: target.trim() } : { kind, address: target.trim() },
        destinationAsset: source.asset,
        destinationNetwork: source.chain,
        side,
        amount: amount.trim(),
      })
    : null;
  const fieldError = (path: string) => (request && !request.success && (target || amount) ? request.error.issues.find((i) => i.path.join('.').startsWith(path))?.message : undefined);

  const getQuote = async () => {
    if (!request?.success) return;
    setBusy(true);
    setError(null);
    const r = await mutate('quotes.create', 'Get a quote', (confirm) => api().quotes.create({ ...request.data, confirm }));
    setBusy(false);
    if (r.ok) setStage(arrived(r.data));
    else if (!isCancelled(r)) setError(moneyErrorWords(r.error as AppError));
  };

  const execute = async (stage: Extract<Stage, { kind: 'quote' }>) => {
    const { quote } = stage;
    setBusy(true);
    setError(null);
    const what = `Send ${formatAmount(quote.source.amountGross, quote.source.asset)} to ${shortId(target.trim())}`;
    const r = await mutate('transactions.execute', what, (confirm) => api().transactions.execute({ quoteId: quote.id, confirm }));
    setBusy(false);
    if (r.ok) {
      useTransactions.getState().upsert(r.data);
      useTransactions.getState().follow(r.data.id);
      setStage({ kind: 'sent', transactionId: r.data.id });
      if (source) void useWallets.getState().refreshBalance(source.id);
    } else if (isLapsed(r.error as AppError)) {
      // OMS's verdict wins over the countdown: the screen says expired and offers only a new quote.
      setStage({ ...stage, lapsed: true });
    } else if (!isCancelled(r)) setError(moneyErrorWords(r.error as AppError));
  };

  if (wallets.length === 0) return <p className="muted">Provision a wallet first: money is sent from one of the customer's wallets.</p>;
  if (stage.kind === 'sent')
    return (
      <div className="money-form">
        <TransactionDetail id={stage.transactionId} />
        <button type="button" className="btn" onClick={() => setStage({ kind: 'form' })}>
          Send more
        </button>
      </div>
    );
  if (stage.kind === 'quote')
    return <QuoteStep stage={stage} target={target.trim()} busy={busy} error={error} onBack={() => setStage({ kind: 'form' })} onRequote={() => void getQuote()} onSend={() => void execute(stage)} />;
  return (
    <form
      className="money-form"
      aria-label="Send money"
      onSubmit={(e) => {
        e.preventDefault();
        void getQuote();
      }}
    >
      <label>
        From wallet
        <select value={source?.id ?? ''} onChange={(e) => setWalletId(e.target.value)}>
          {wallets.map((w) => (
            <option key={w.id} value={w.id}>
              {assetName(w.asset)} on {networkName(w.chain)} · {useWallets.getState().balances[w.id]?.data?.balance ? formatAmount(useWallets.getState().balances[w.id]!.data!.balance, w.asset) : w.id}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend className="small">Destination</legend>
        <label>
          <input type="radio" name="send-kind" checked={kind === 'address'} onChange={() => setKind('address')} /> On-chain address
        </label>
        <label>
          <input type="radio" name="send-kind" checked={kind === 'wallet'} onChange={() => setKind('wallet')} /> Another customer's wallet
        </label>
      </fieldset>
      <label>
        {kind === 'address' ? 'Destination address' : 'Destination wallet id'}
        <input className="mono" value={target} maxLength={120} placeholder={kind === 'address' ? '0x…' : 'wlt_…'} aria-invalid={!!fieldError('destination')} onChange={(e) => setTarget(e.target.value)} />
        {fieldError('destination') && <span className="field-error">{fieldError('destination')}</span>}
      </label>
      <fieldset>
        <legend className="small">Amount is what…</legend>
        <label>
          <input type="radio" name="send-side" checked={side === 'source'} onChange={() => setSide('source')} /> leaves this wallet
        </label>
        <label>
          <input type="radio" name="send-side" checked={side === 'destination'} onChange={() => setSide('destination')} /> arrives
        </label>
      </fieldset>
      <label>
        Amount ({assetName(source?.asset)})
        <input className="mono" inputMode="decimal" value={amount} maxLength={40} placeholder="25.00" aria-invalid={!!fieldError('amount')} onChange={(e) => setAmount(e.target.value)} />
        {fieldError('amount') && <span className="field-error">{fieldError('amount')}</span>}
      </label>
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="btn btn-primary" disabled={busy || !request?.success}>
        {busy ? 'Getting a quote…' : 'Get quote'}
      </button>
    </form>
  );
}

function QuoteStep(p: { stage: Extract<Stage, { kind: 'quote' }>; target: string; busy: boolean; error: string | null; onBack(): void; onRequote(): void; onSend(): void }) {
  const { quote, receivedAt, lapsed } = p.stage;
  const deadline = localDeadline(quote, receivedAt);
  const left = useSecondsLeft(deadline);
  const expired = lapsed || left === 0;
  return (
    <div className="money-form">
      <QuoteReview quote={quote} destinationLabel={p.target} deadline={deadline} expired={expired} />
      {expired && <p className="small">Rates and fees may have moved: a new quote shows the current ones before anything is sent.</p>}
      {p.error && (
        <p className="inline-error" role="alert">
          {p.error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="btn" onClick={p.onBack} disabled={p.busy}>
          Change
        </button>
        {/* Keyed apart, so the new-quote button is a fresh element and takes focus when the quote lapses. */}
        {expired ? (
          <button key="requote" type="button" className="btn btn-primary" onClick={p.onRequote} disabled={p.busy} autoFocus>
            {p.busy ? 'Getting a quote…' : 'Get a new quote'}
          </button>
        ) : (
          <button key="send" type="button" className="btn btn-primary" onClick={p.onSend} disabled={p.busy}>
            {p.busy ? 'Sending…' : `Send ${formatAmount(quote.source.amountGross, quote.source.asset)}`}
          </button>
        )}
      </div>
    </div>
  );
}
