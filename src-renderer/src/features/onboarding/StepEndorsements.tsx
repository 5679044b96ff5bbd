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
import { EditCustomerForm } from '../customers/EditCustomerForm.tsx';
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
      new submissions{status.reviewMode === 'manual' ? ': decide in the QA area below, or in the ' : '. Change it in the '}
      <a href="#/reviews">Review queue</a>.
    </p>
  );
}

/** Endorsements already on the customer (requested at creation or since): never offered again. */
export const alreadyRequested = (c: CustomerView) => new Set(c.endorsements.map((e) => e.name));
/** Step 2's goal: every endorsement on the customer granted. */
export const allActive = (c: CustomerView) => c.endorsements.length > 0 && c.endorsements.every((e) => e.status === 'active');

/** Step 2: request what is not requested yet, fix the customer's data, and watch the statuses live. */
export function StepEndorsements({ customer }: { customer: CustomerView }) {
  const requested = useOnboarding(selectRequested);
  const qa = useSandbox(selectQaAvailable);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const have = alreadyRequested(customer);
  const open = ALL_ENDORSEMENTS.filter((n) => !have.has(n));
  const wanted = requested.filter((n) => !have.has(n));
  const granted = allActive(customer);

  // The wizard moves on by itself once everything is granted (only from this step, and once).
  const [wasGranted, setWasGranted] = useState(granted);
  if (granted !== wasGranted) {
    setWasGranted(granted);
    if (granted && !editing) queueMicrotask(() => useOnboarding.getState().go(3));
  }

  const toggle = (n: EndorsementName) =>
    useOnboarding.getState().setRequested(requested.includes(n) ? requested.filter((x) => x !== n) : [...requested, n]);
  const request = async () => {
    if (wanted.length === 0) return;
    setBusy(true);
    setError(null);
    const r = await useCustomers.getState().requestEndorsements(customer.id, wanted);
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
          <p>Each endorsement is granted once its requirements are complete and reviewed; the statuses beside change live, no reload needed.</p>
          {have.size > 0 && (
            <p className="help" role="note">
              Already requested: {[...have].map(endorsementLabel).join(', ')}.{open.length === 0 ? ' Nothing is left to request.' : ''}
            </p>
          )}
          {open.length > 0 && (
            <fieldset className="inline-fieldset">
              <legend>Endorsements to request</legend>
              {open.map((n) => (
                <label key={n} className="check">
                  <input type="checkbox" checked={requested.includes(n)} onChange={() => toggle(n)} /> {endorsementLabel(n)} <span className="mono small muted">{n}</span>
                </label>
              ))}
            </fieldset>
          )}
          <div className="form-actions">
            {open.length > 0 && (
              <button type="button" className="btn btn-primary" disabled={busy || wanted.length === 0} onClick={() => void request()}>
                {busy ? 'Requesting…' : 'Request endorsements'}
              </button>
            )}
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
