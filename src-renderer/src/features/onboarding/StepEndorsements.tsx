import { useState } from 'react';
import type { CustomerView } from '#shared/domain/customer.ts';
import type { EndorsementName } from '#shared/domain/endorsement.ts';
import { InlineError } from '../../components/States.tsx';
import type { AppError } from '#shared/ipc/result.ts';
import { isCancelled } from '../../stores/mutate.ts';
import { notify } from '../../stores/notify.store.ts';
import { selectQaAvailable, selectSandboxStatus, useSandbox } from '../../stores/sandbox.store.ts';
import { useCustomers } from '../customers/customers.store.ts';
import { endorsementLabel } from '../customers/endorsement-words.ts';
import { EndorsementsPanel } from '../customers/EndorsementsPanel.tsx';
import { EditCustomerForm } from '../customers/EditCustomerForm.tsx';
import { QaDecisionsPanel } from '../customers/QaDecisionsPanel.tsx';
import { ALL_ENDORSEMENTS } from './customer-form.ts';
import { useOnboarding } from './onboarding.store.ts';

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
      new submissions{status.reviewMode === 'manual' ? ': decide in the QA area below, or in the ' : '. Change it in the '}
      <a href="#/reviews">Review queue</a>.
    </p>
  );
}

/** Endorsements already on the customer (requested at creation or since): never offered again. */
export const alreadyRequested = (c: CustomerView) => new Set(c.endorsements.map((e) => e.name));
/** Step 2's goal: every endorsement on the customer granted. */
export const allActive = (c: CustomerView) => c.endorsements.length > 0 && c.endorsements.every((e) => e.status === 'active');

/**
 * Step 2: request what is not requested yet, one at a time in the guide's order (basic →
 * cryptoCustody → usd), fix the customer's data, and watch the statuses live.
 */
export function StepEndorsements({ customer }: { customer: CustomerView }) {
  const qa = useSandbox(selectQaAvailable);
  const [busy, setBusy] = useState<EndorsementName | null>(null);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const have = alreadyRequested(customer);
  const open = ALL_ENDORSEMENTS.filter((n) => !have.has(n));
  const granted = allActive(customer);

  // The wizard moves on by itself once everything is granted (only from this step, and once).
  const [wasGranted, setWasGranted] = useState(granted);
  if (granted !== wasGranted) {
    setWasGranted(granted);
    if (granted && !editing) queueMicrotask(() => useOnboarding.getState().go(3));
  }

  const request = async (name: EndorsementName) => {
    if (busy) return;
    setBusy(name);
    setError(null);
    const r = await useCustomers.getState().requestEndorsements(customer.id, [name]);
    setBusy(null);
    if (r.ok) useOnboarding.getState().markRequested();
    if (r.ok) notify('info', `${endorsementLabel(name)} requested. Its status updates here as OMS decides.`);
    else if (!isCancelled(r)) setError(r.error);
  };
  return (
    <div className="step-grid">
      <div className="col">
        <div className="panel form">
          <h2>2 · Endorsements</h2>
          <p>Each endorsement is granted once its requirements are complete and reviewed; the statuses beside change live, no reload needed.</p>
          <p className="help" role="note">
            {have.size > 0 ? `Already requested: ${[...have].map(endorsementLabel).join(', ')}.` : 'Nothing requested yet.'}
            {open.length === 0 ? ' Nothing is left to request.' : ` The guide's order is Basic identity, then Crypto custody, then USD account; each of the last two brings Basic identity along.`}
          </p>
          {open.length > 0 && (
            <div className="form-actions" role="group" aria-label="Endorsements to request">
              {open.map((n, i) => (
                <button key={n} type="button" className={i === 0 ? 'btn btn-primary' : 'btn'} disabled={busy !== null} onClick={() => void request(n)}>
                  {busy === n ? `Requesting ${endorsementLabel(n)}…` : `Request ${endorsementLabel(n)}`}
                </button>
              ))}
            </div>
          )}
          <div className="form-actions">
            <button type="button" className="btn" aria-expanded={editing} onClick={() => setEditing(!editing)}>
              {editing ? 'Close the edit form' : 'Fix customer data'}
            </button>
            <button type="button" className={granted ? 'btn btn-primary' : 'btn'} onClick={() => useOnboarding.getState().go(3)}>
              Continue to wallet
            </button>
          </div>
          <InlineError error={error} />
          {qa && <ReviewMode />}
        </div>
        {editing && (
          <EditCustomerForm
            customer={customer}
            idPrefix="wiz-edit"
            onCancel={() => setEditing(false)}
            onSaved={() => {
              setEditing(false);
              notify('ok', 'Saved. OMS re-evaluates the endorsements; watch them beside.');
            }}
          />
        )}
        <QaDecisionsPanel customer={customer} />
      </div>
      <EndorsementsPanel customer={customer} headingLevel={3} />
    </div>
  );
}
