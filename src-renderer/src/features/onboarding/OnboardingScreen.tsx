import { useEffect } from 'react';
import { ErrorState, Loading } from '../../components/States.tsx';
import { useCustomers } from '../customers/customers.store.ts';
import { selectCustomer, selectDetailReq } from '../customers/customers.selectors.ts';
import { customerName } from '../../lib/customer-name.ts';
import { custodyActive } from '../wallets/capability.ts';
import { useWallets } from '../wallets/wallets.store.ts';
import { selectWalletIds } from '../wallets/wallets.selectors.ts';
import { selectEndorsementsRequested, selectOnbCustomerId, selectOnbWalletId, selectStep, useOnboarding, type Step } from './onboarding.store.ts';
import { StepBank } from './StepBank.tsx';
import { StepCustomer } from './StepCustomer.tsx';
import { allActive, StepEndorsements } from './StepEndorsements.tsx';
import { StepWallet } from './StepWallet.tsx';

const STEPS: { n: Step; label: string }[] = [
  { n: 1, label: 'Customer' },
  { n: 2, label: 'Endorsements' },
  { n: 3, label: 'Wallet' },
  { n: 4, label: 'Bank account' },
];

/** The OMS onboarding guide as a resumable four-step wizard. */
export function OnboardingScreen() {
  const step = useOnboarding(selectStep);
  const customerId = useOnboarding(selectOnbCustomerId);
  const customer = useCustomers(selectCustomer(customerId));
  const req = useCustomers(selectDetailReq(customerId ?? ''));
  useEffect(() => {
    if (customerId) void useCustomers.getState().load(customerId);
  }, [customerId]);
  const requested = useOnboarding(selectEndorsementsRequested);
  const walletId = useOnboarding(selectOnbWalletId);
  const walletList = useWallets(selectWalletIds(customerId ?? ''));
  const current: Step = customerId ? step : 1;
  // Done means the step's goal was met, not that the operator clicked past it.
  const goalMet: Record<Step, boolean> = {
    1: !!customerId,
    // Granted, or at least asked for (at creation OMS requests cryptoCustody and usd by default).
    2: requested || (customer?.endorsements.length ?? 0) > 0,
    3: !!walletId || (walletList?.ids.length ?? 0) > 0 || (customer?.wallets.length ?? 0) > 0,
    4: false,
  };
  return (
    <section className="screen onboarding">
      <header className="screen-head">
        <h1>Onboarding</h1>
        {customer && (
          <span className="muted">
            {customerName(customer)} · <span className="mono">{customer.id}</span>
          </span>
        )}
        {customerId && (
          <button type="button" className="btn btn-small btn-ghost push-right" onClick={() => useOnboarding.getState().restart()}>
            Start over
          </button>
        )}
      </header>
      <nav aria-label="Onboarding steps">
        <ol className="stepper">
          {STEPS.map((s) => {
            const reachable = s.n === 1 ? !customerId : !!customerId;
            const granted = s.n === 2 && !!customer && allActive(customer);
            const done = (goalMet[s.n] && (s.n < current || s.n === 1) && (s.n !== 2 || granted)) || (granted && s.n <= current);
            // Requested but still in review is not skipped: it is waiting, and the stepper says so.
            const waiting = s.n === 2 && !done && goalMet[2] && s.n < current;
            const skipped = !done && !waiting && s.n < current;
            return (
              <li key={s.n} className={`${current === s.n ? 'current' : ''} ${done ? 'done' : ''} ${skipped ? 'skipped' : ''}`}>
                <button type="button" aria-current={current === s.n ? 'step' : undefined} disabled={!reachable} onClick={() => useOnboarding.getState().go(s.n)}>
                  <span className="step-n" aria-hidden="true">
                    {done ? '✓' : s.n}
                  </span>{' '}
                  {s.label}
                  {done && <span className="sr-only"> (done)</span>}
                  {skipped && <span className="step-skipped"> · skipped</span>}
                  {waiting && <span className="step-skipped"> · in review</span>}
                  {s.n === 3 && customer && !custodyActive(customer) && <span className="sr-only"> (waiting for crypto custody)</span>}
                </button>
              </li>
            );
          })}
        </ol>
      </nav>
      {current === 1 ? (
        <StepCustomer />
      ) : !customer ? (
        req.status === 'error' && req.error ? (
          <ErrorState error={req.error} what="the customer being onboarded" onRetry={() => void useCustomers.getState().load(customerId!)} />
        ) : (
          <Loading what="customer" />
        )
      ) : current === 2 ? (
        <StepEndorsements customer={customer} />
      ) : current === 3 ? (
        <StepWallet customer={customer} />
      ) : (
        <StepBank customer={customer} />
      )}
    </section>
  );
}
