import { useState } from 'react';
import type { CustomerView } from '#shared/domain/customer.ts';
import { InlineError } from '../../components/States.tsx';
import { api } from '../../lib/api-client.ts';
import { isCancelled, mutate } from '../../lib/mutate.ts';
import { fieldErrors } from '../../lib/request-state.ts';
import type { AppError } from '#shared/ipc/result.ts';
import { useCustomers } from '../customers/customers.store.ts';
import { endorsementLabel } from '../customers/endorsement-words.ts';
import { ALL_ENDORSEMENTS, coverage, pathToField, validateDraft } from './customer-form.ts';
import { Field } from './Field.tsx';
import { selectDraft, selectErrors, useOnboarding } from './onboarding.store.ts';

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

/** Step 1: a validated form; nothing is sent while a field is invalid. */
export function StepCustomer() {
  const draft = useOnboarding(selectDraft);
  const errors = useOnboarding(selectErrors);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    const v = validateDraft(draft);
    if (!v.ok) {
      useOnboarding.getState().setErrors(v.errors);
      document.getElementById(`f-${Object.keys(v.errors)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    const r = await mutate('customers.create', 'Create a customer', (confirm) => api().customers.create({ customer: v.value as never, confirm }));
    setBusy(false);
    if (r.ok) {
      useCustomers.getState().upsert(r.data as CustomerView);
      useOnboarding.getState().created(r.data.id);
      return;
    }
    if (isCancelled(r)) return;
    const fe = fieldErrors(r.error);
    if (Object.keys(fe).length) useOnboarding.getState().setErrors(Object.fromEntries(Object.entries(fe).map(([p, m]) => [pathToField(p), m])));
    setError(r.error);
  };
  const errorCount = Object.keys(errors).length;
  return (
    <div className="step-grid">
      <form className="panel form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="step1-h">
        <h2 id="step1-h">1 · Create the customer</h2>
        {errorCount > 0 && (
          <p className="inline-error" role="alert">
            {errorCount} field{errorCount === 1 ? '' : 's'} need{errorCount === 1 ? 's' : ''} attention. Nothing was sent.
          </p>
        )}
        <fieldset>
          <legend>Person</legend>
          <div className="row3">
            <Field name="firstName" label="First name" required />
            <Field name="middleName" label="Middle name" />
            <Field name="lastName" label="Last name" required hint='Sandbox: "Review" waits for a decision, "Reject" is declined.' />
          </div>
          <div className="row3">
            <Field name="birthDate" label="Date of birth" placeholder="YYYY-MM-DD" required />
            <Field name="nationality" label="Nationality" placeholder="US" required hint="ISO country code" />
            <Field name="externalId" label="External id" hint="Your own reference" />
          </div>
        </fieldset>
        <fieldset>
          <legend>Contact</legend>
          <div className="row3">
            <Field name="email" label="Email" type="email" />
            <Field name="phone" label="Phone" placeholder="+14155550123" hint="E.164 format" />
            <Field name="ipAddress" label="IP address" />
          </div>
        </fieldset>
        <fieldset>
          <legend>Home address</legend>
          <div className="row3">
            <Field name="line1" label="Address line 1" />
            <Field name="line2" label="Address line 2" />
            <Field name="city" label="City" />
          </div>
          <div className="row3">
            <Field name="state" label="State / region" />
            <Field name="zipCode" label="ZIP / postcode" />
            <Field name="country" label="Country" placeholder="US" />
          </div>
        </fieldset>
        <fieldset>
          <legend>Identity document</legend>
          <div className="row3">
            <div className="field">
              <label htmlFor="f-idType">Document type</label>
              <select id="f-idType" value={draft.idType} onChange={(e) => useOnboarding.getState().setDraft('idType', e.target.value as typeof draft.idType)}>
                <option value="ssn">SSN</option>
                <option value="itin">ITIN</option>
                <option value="passport">Passport</option>
                <option value="driversLicense">Driver's licence</option>
              </select>
            </div>
            <Field name="idCountry" label="Issuing country" placeholder="US" />
            <Field name="idNumber" label="Document number" />
          </div>
        </fieldset>
        <label className="check">
          <input type="checkbox" checked={draft.signedAgreement} onChange={(e) => useOnboarding.getState().setDraft('signedAgreement', e.target.checked)} /> The customer signed the
          terms of service
        </label>
        <InlineError error={error} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create customer'}
          </button>
          <span className="help">PII is sent once to OMS and never shown again.</span>
        </div>
      </form>
      <Coverage />
    </div>
  );
}
