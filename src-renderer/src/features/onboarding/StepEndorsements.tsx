import { useState } from 'react';
import type { CustomerView } from '#shared/domain/customer.ts';
import type { EndorsementName } from '#shared/domain/endorsement.ts';
import { InlineError } from '../../components/States.tsx';
import type { AppError } from '#shared/ipc/result.ts';
import { isCancelled } from '../../lib/mutate.ts';
import { notify } from '../../stores/notify.store.ts';
import { selectQaAvailable, selectSandboxStatus, useSandbox } from '../../stores/sandbox.store.ts';
import { useCustomers } from '../customers/customers.store.ts';
import { endorsementLabel } from '../customers/endorsement-words.ts';
import { EndorsementsPanel } from '../customers/EndorsementsPanel.tsx';
import { QaDecisionsPanel } from '../customers/QaDecisionsPanel.tsx';
import { ALL_ENDORSEMENTS } from './customer-form.ts';
import { selectRequested, useOnboarding } from './onboarding.store.ts';

/**
 * The sandbox review mode is sandbox-wide, so this step only says what it is and where it changes:
 * a radio here looked like it decided this one customer.
 */
function ReviewMode() {
  const status = useSandbox(selectSandboxStatus);
  if (!status?.available || !status.reviewMode) return null;
  return (
    <p className="help qa-note">
      <span className="qa-tag">QA</span> Sandbox review is <strong>{status.reviewMode === 'auto' ? 'automatic' : 'manual'}</strong> for every customer&apos;s
      new submissions{status.reviewMode === 'manual' ? ': decide in the QA area beside, or in the ' : '. Change it in the '}
      <a href="#/reviews">Review queue</a>.
    </p>
  );
}

/** Step 2: request endorsements, then watch them change live as webhooks arrive. */
export function StepEndorsements({ customer }: { customer: CustomerView }) {
  const requested = useOnboarding(selectRequested);
  const qa = useSandbox(selectQaAvailable);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const toggle = (n: EndorsementName) =>
    useOnboarding.getState().setRequested(requested.includes(n) ? requested.filter((x) => x !== n) : [...requested, n]);
  const request = async () => {
    setBusy(true);
    setError(null);
    const r = await useCustomers.getState().requestEndorsements(customer.id, requested);
    setBusy(false);
    if (r.ok) useOnboarding.getState().markRequested();
    if (r.ok) notify('info', 'Endorsements requested. Statuses update here as OMS decides.');
    else if (!isCancelled(r)) setError(r.error);
  };
  return (
    <div className="step-grid">
      <div className="col">
        <div className="panel form">
          <h2>2 · Endorsements</h2>
          <p>Ask OMS to endorse the customer. Each one is granted once its requirements are complete and reviewed; the status below changes live, no reload needed.</p>
          <fieldset className="inline-fieldset">
            <legend>Endorsements to request</legend>
            {ALL_ENDORSEMENTS.map((n) => (
              <label key={n} className="check">
                <input type="checkbox" checked={requested.includes(n)} onChange={() => toggle(n)} /> {endorsementLabel(n)} <span className="mono small muted">{n}</span>
              </label>
            ))}
          </fieldset>
          <div className="form-actions">
            <button type="button" className="btn btn-primary" disabled={busy || requested.length === 0} onClick={() => void request()}>
              {busy ? 'Requesting…' : 'Request endorsements'}
            </button>
            <button type="button" className="btn" onClick={() => useOnboarding.getState().go(3)}>
              Continue to wallet
            </button>
          </div>
          <InlineError error={error} />
          {qa && <ReviewMode />}
        </div>
        <QaDecisionsPanel customer={customer} />
      </div>
      <EndorsementsPanel customer={customer} headingLevel={3} />
    </div>
  );
}
