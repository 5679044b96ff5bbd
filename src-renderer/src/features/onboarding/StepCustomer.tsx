import { useMemo, useState } from 'react';
import type { CustomerView } from '#shared/domain/customer.ts';
import { InlineError } from '../../components/States.tsx';
import { api } from '../../lib/api-client.ts';
import { isCancelled, mutate } from '../../stores/mutate.ts';
import { fieldErrors } from '../../lib/request-state.ts';
import type { AppError } from '#shared/ipc/result.ts';
import { useCustomers } from '../customers/customers.store.ts';
import { endorsementLabel } from '../customers/endorsement-words.ts';
import { ALL_ENDORSEMENTS, coverage, isEmptyDraft, placeIssues, validateDraft } from './customer-form.ts';
import { CustomerFieldset } from './CustomerFieldset.tsx';
import { DraftContext } from './draft-binding.ts';
import { EndorsementChoice } from './EndorsementChoice.tsx';
import { selectDraft, selectErrors, selectErrorsFrom, useOnboarding } from './onboarding.store.ts';
import { focusFirstError } from '../../lib/focus-first-error.ts';

function Coverage() {
  const draft = useOnboarding(selectDraft);
  return (
    <aside className="panel coverage" aria-labelledby="coverage-h">
      <h3 id="coverage-h">What each endorsement needs</h3>
      <p className="help">Only the customer type is required to create a customer; endorsements are granted once their fields are in.</p>
      {ALL_ENDORSEMENTS.map((name) => {
        const c = coverage(draft, name);
        return (
          <div key={name} className="coverage-row" aria-label={`${endorsementLabel(name)} requirements`}>
            <strong>{endorsementLabel(name)}</strong>{' '}
            <span className={c.missing.length ? 'warn-text' : 'ok-text'}>{c.missing.length ? `${c.missing.length} of ${c.total} missing` : 'All fields in'}</span>
            {c.missing.length > 0 && <div className="small muted">Still missing: {c.missing.map((m) => m.label).join(', ')}</div>}
          </div>
        );
      })}
    </aside>
  );
}

/** Step 1: a validated form; nothing is sent while a field is invalid, and an empty one asks first. */
export function StepCustomer() {
  const draft = useOnboarding(selectDraft);
  const errors = useOnboarding(selectErrors);
  const [busy, setBusy] = useState(false);
  const [askEmpty, setAskEmpty] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const refusedBy = useOnboarding(selectErrorsFrom);
  const binding = useMemo(() => ({ draft, errors, set: useOnboarding.getState().setDraft, idPrefix: 'f' }), [draft, errors]);
  const submit = async (e: React.FormEvent | null, emptyConfirmed = false) => {
    e?.preventDefault();
    setError(null);
    const v = validateDraft(draft);
    if (!v.ok) {
      useOnboarding.getState().setErrors(v.errors);
      focusFirstError('f', v.errors);
      return;
    }
    if (isEmptyDraft(draft) && !emptyConfirmed) return setAskEmpty(true);
    setAskEmpty(false);
    setBusy(true);
    const createWith = useOnboarding.getState().createWith;
    const customer = createWith === null ? v.value : { ...v.value, endorsements: createWith };
    const r = await mutate('customers.create', 'Create a customer', (confirm) => api().customers.create({ customer: customer as never, confirm }));
    setBusy(false);
    if (r.ok) {
      useCustomers.getState().upsert(r.data as CustomerView);
      useOnboarding.getState().created(r.data.id);
      return;
    }
    if (isCancelled(r)) return;
    // OMS refused fields the console could not check: mark them in OMS's words and go to the first;
    // the draft stays as typed. Only issues no field can show keep the raw message.
    const { marked, elsewhere } = placeIssues(fieldErrors(r.error));
    if (Object.keys(marked).length) {
      useOnboarding.getState().setErrors(marked, 'oms');
      requestAnimationFrame(() => focusFirstError('f', marked));
    }
    if (!Object.keys(marked).length || elsewhere.length) setError(elsewhere.length ? { ...r.error, message: `OMS also refused: ${elsewhere.join('; ')}` } : r.error);
  };
  const errorCount = Object.keys(errors).length;
  return (
    <div className="step-grid">
      <form className="panel form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="step1-h">
        <h2 id="step1-h">1 · Create the customer</h2>
        {errorCount > 0 && (
          <p className="inline-error" role="alert">
            {refusedBy === 'oms'
              ? `OMS did not accept ${errorCount === 1 ? 'a field' : `${errorCount} fields`}, marked below. Everything you typed is kept: correct and create again.`
              : `${errorCount} field${errorCount === 1 ? '' : 's'} need${errorCount === 1 ? 's' : ''} attention. Nothing was sent.`}
          </p>
        )}
        <DraftContext.Provider value={binding}>
          <CustomerFieldset mode="create" />
        </DraftContext.Provider>
        <EndorsementChoice />
        <InlineError error={error} />
        {askEmpty ? (
          <div className="confirm-inline form-actions" role="alertdialog" aria-label="Create a customer with no details?">
            <strong>Create a customer with no details?</strong> OMS allows it, but no endorsement can be granted until the fields are in.
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void submit(null, true)}>
              Create an empty customer
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setAskEmpty(false)} autoFocus>
              Go back to the form
            </button>
          </div>
        ) : (
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? 'Creating…' : 'Create customer'}
            </button>
            <span className="help">PII is sent once to OMS and never shown again.</span>
          </div>
        )}
      </form>
      <Coverage />
    </div>
  );
}
