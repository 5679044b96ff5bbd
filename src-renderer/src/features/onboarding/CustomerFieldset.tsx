import { selectQaAvailable, useSandbox } from '../../stores/sandbox.store.ts';
import { Field } from './Field.tsx';
import { fieldId, useDraftBinding } from './draft-binding.ts';

const KEEP = 'Leave empty to keep what OMS has (it never shows it back).';

/**
 * The customer's fields, shared by the wizard's step 1 and the edit form. Each fieldset is one grid,
 * so at narrower widths the fields reflow two by two instead of leaving a field alone on a line.
 */
export function CustomerFieldset({ mode }: { mode: 'create' | 'edit' }) {
  const b = useDraftBinding();
  // The magic last names are the local sandbox's, not OMS's: never suggested on a real profile.
  const sandbox = useSandbox(selectQaAvailable);
  const edit = mode === 'edit';
  const idType = fieldId(b.idPrefix, 'idType');
  return (
    <>
      <p className="help" id={fieldId(b.idPrefix, 'required-note')}>
        <span aria-hidden="true">*</span> needed before OMS can grant endorsements.
      </p>
      <fieldset>
        <legend>Person</legend>
        <div className="row3">
          <Field name="firstName" label="First name" required />
          <Field name="middleName" label="Middle name" />
          <Field name="lastName" label="Last name" required {...(sandbox ? { hint: 'Sandbox: "Review" waits for a decision, "Reject" is declined.' } : {})} />
          <Field name="birthDate" label="Date of birth" placeholder="YYYY-MM-DD" required {...(edit ? { hint: KEEP } : {})} />
          <Field name="nationality" label="Nationality" placeholder="US" required hint="ISO country code" />
          <Field name="externalId" label="External id" hint="Your own reference" />
        </div>
      </fieldset>
      <fieldset>
        <legend>Contact</legend>
        <div className="row3">
          <Field name="email" label="Email" type="email" {...(edit ? { hint: 'Leave empty to keep the current one.' } : {})} />
          <Field name="phone" label="Phone" placeholder="+14155550123" hint={edit ? 'E.164; empty keeps the current one.' : 'E.164 format'} />
          <Field name="ipAddress" label="IP address" />
        </div>
      </fieldset>
      <fieldset>
        <legend>Home address{edit ? ' (replaces the one on file)' : ''}</legend>
        <div className="row3">
          <Field name="line1" label="Address line 1" />
          <Field name="line2" label="Address line 2" />
          <Field name="city" label="City" />
          <Field name="state" label="State / region" />
          <Field name="zipCode" label="ZIP / postcode" />
          <Field name="country" label="Country" placeholder="US" />
        </div>
      </fieldset>
      <fieldset>
        <legend>Identity document{edit ? ' (replaces the ones on file)' : ''}</legend>
        <div className="row3">
          <div className="field">
            <label htmlFor={idType}>Document type</label>
            <select id={idType} value={b.draft.idType} onChange={(e) => b.set('idType', e.target.value as typeof b.draft.idType)}>
              <option value="ssn">SSN</option>
              <option value="itin">ITIN</option>
              <option value="passport">Passport</option>
              <option value="driversLicense">Driver&apos;s licence</option>
            </select>
          </div>
          <Field name="idCountry" label="Issuing country" placeholder="US" />
          <Field name="idNumber" label="Document number" />
        </div>
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={b.draft.signedAgreement} onChange={(e) => b.set('signedAgreement', e.target.checked)} /> The customer signed the terms of service{' '}
        <span aria-hidden="true">*</span>
      </label>
    </>
  );
}
