import { useEffect, useState } from 'react';
import type { CustomerView } from '#shared/domain/customer.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { depositAmountProblem, formatAmount, formatFiat } from '../../lib/money.ts';
import { Empty, ErrorState, Loading } from '../../components/States.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { notify } from '../../stores/notify.store.ts';
import { selectQaAvailable, useSandbox } from '../../stores/sandbox.store.ts';
import { isCancelled } from '../../stores/mutate.ts';
import { useWallets } from './wallets.store.ts';
import { selectBalance, selectDepositReq, selectWallet, selectWalletIds } from './wallets.selectors.ts';
import { ProvisionWallet } from './ProvisionWallet.tsx';
import { custodyActive } from './capability.ts';

function DepositControl({ walletId, asset }: { walletId: string; asset: string }) {
  const [amount, setAmount] = useState('100.00');
  const [problem, setProblem] = useState<string | null>(null);
  const req = useWallets(selectDepositReq(walletId));
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const local = depositAmountProblem(amount);
    setProblem(local);
    if (local) return;
    const r = await useWallets.getState().simulateDeposit(walletId, amount.trim());
    if (r.ok) notify('ok', `Simulated a deposit of ${amount.trim()} ${asset.toUpperCase()}.`);
    // Refusals stay next to the field, in words; a toast names nothing internal.
    else if (!isCancelled(r)) setProblem(r.error.details?.fields ? 'OMS refused this amount.' : r.error.message);
  };
  const id = `deposit-${walletId}`;
  return (
    // A QA action on a sandbox only: its own labelled group with the QA tag, apart from the support actions.
    <form className="inline-form qa-inline" role="group" aria-label={`QA: simulate a deposit into ${walletId}`} onSubmit={(e) => void submit(e)} noValidate>
      <span className="qa-tag">QA</span>
      <input
        className="input-small mono"
        aria-label={`Deposit amount for ${walletId}`}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-error` : undefined}
        value={amount}
        onChange={(e) => {
          setAmount(e.target.value);
          setProblem(null);
        }}
        inputMode="decimal"
      />
      <button type="submit" className="btn btn-small" disabled={req.status === 'loading'}>
        {req.status === 'loading' ? 'Depositing…' : 'Simulate deposit'}
      </button>
      {problem && (
        <small id={`${id}-error`} className="field-error" role="alert">
          {problem}
        </small>
      )}
    </form>
  );
}

function WalletRow({ id, qa }: { id: string; qa: boolean }) {
  const w = useWallets(selectWallet(id));
  const bal = useWallets(selectBalance(id));
  if (!w) return null;
  const loading = bal?.req.status === 'loading';
  return (
    <tr>
      <td>
        <strong>{w.asset.toUpperCase()}</strong>
        <div className="mono small muted">
          {w.id} <CopyButton value={w.id} label={`Copy wallet id ${w.id}`} />
        </div>
      </td>
      <td>{w.chain}</td>
      <td>
        {w.address ? (
          <>
            <span className="mono address" title={w.address}>
              {w.address.length > 18 ? `${w.address.slice(0, 10)}…${w.address.slice(-6)}` : w.address}
            </span>{' '}
            <CopyButton value={w.address} label={`Copy address of ${w.asset} wallet on ${w.chain}`} />
          </>
        ) : (
          <span className="muted">No address yet</span>
        )}
      </td>
      <td className="num" aria-label={`Balance of ${w.id}`} aria-busy={loading}>
        {bal?.data ? (
          <>
            <span className="mono">{formatAmount(bal.data.balance, w.asset)}</span>
            {bal.data.estimatedValue && <div className="small muted">≈ {formatFiat(bal.data.estimatedValue, bal.data.currency)}</div>}
          </>
        ) : bal?.req.status === 'error' ? (
          <span className="inline-error">{bal.req.error?.message}</span>
        ) : (
          '…'
        )}
      </td>
      <td>
        <StatusBadge tone={w.status === 'active' ? 'ok' : 'bad'}>{w.status}</StatusBadge>
      </td>
      <td className="actions">
        <div>
        <button type="button" className="btn btn-small" aria-label={`Refresh balance of ${w.id}`} disabled={loading} onClick={() => void useWallets.getState().refreshBalance(id)}>
          Refresh
        </button>
        {qa && <DepositControl walletId={id} asset={w.asset} />}
        </div>
      </td>
    </tr>
  );
}

/** A customer's wallets: list, balances with refresh, provisioning and (local) simulated deposits. */
export function WalletsPanel({ customer, headingLevel = 2, provision = true }: { customer: CustomerView; headingLevel?: 2 | 3; provision?: boolean }) {
  const list = useWallets(selectWalletIds(customer.id));
  const qa = useSandbox(selectQaAvailable);
  const canProvision = custodyActive(customer);
  useEffect(() => {
    void useWallets.getState().loadFor(customer.id);
  }, [customer.id]);
  const H = `h${headingLevel}` as 'h2';
  return (
    <section className="panel" aria-labelledby={`wallets-${customer.id}`}>
      <div className="panel-head">
        <H id={`wallets-${customer.id}`}>Wallets</H>
        <button type="button" className="btn btn-small btn-ghost" onClick={() => void useWallets.getState().loadFor(customer.id)}>
          Reload wallets
        </button>
      </div>
      {!list || (list.req.status === 'loading' && list.ids.length === 0) ? (
        <Loading what="wallets" />
      ) : list.req.status === 'error' && list.req.error ? (
        <ErrorState error={list.req.error} what="wallets" onRetry={() => void useWallets.getState().loadFor(customer.id)} />
      ) : list.ids.length === 0 ? (
        <Empty title="No wallets yet." hint={canProvision ? 'Provision one below.' : 'Provision one below once the crypto custody endorsement is active.'} />
      ) : (
        <table className="table">
          <caption className="sr-only">Wallets of {customer.id}</caption>
          <thead>
            <tr>
              <th scope="col">Asset</th>
              <th scope="col">Chain</th>
              <th scope="col">Address</th>
              <th scope="col" className="num">
                Balance
              </th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {list.ids.map((id) => (
              <WalletRow key={id} id={id} qa={qa} />
            ))}
          </tbody>
        </table>
      )}
      {provision && customer.status === 'active' && <ProvisionWallet customer={customer} />}
    </section>
  );
}
