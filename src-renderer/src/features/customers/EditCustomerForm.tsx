import { useMemo, useState } from 'react';
import type { CustomerView } from '#shared/domain/customer.ts';
import { api } from '../../lib/api-client.ts';
import { isCancelled, mutate } from '../../stores/mutate.ts';
import { fieldErrors } from '../../lib/request-state.ts';
import { draftFromCustomer, placeIssues, validatePatch, type CustomerDraft } from '../onboarding/customer-form.ts';
import { CustomerFieldset } from '../onboarding/CustomerFieldset.tsx';
import { DraftContext } from '../onboarding/draft-binding.ts';
import { focusFirstError } from '../../lib/focus-first-error.ts';
import { useCustomers } from './customers.store.ts';

/**
 * Corrects a customer with OMS's `PATCH /customers/{id}`, sending only what changed: OMS re-evaluates
 * endorsements when identity fields change, and the new statuses arrive live by webhook.
 */
export function EditCustomerForm({ customer, idPrefix, onSaved, onCancel }: { customer: CustomerView; idPrefix: string; onSaved: (c: CustomerView) => void; onCancel: () => void }) {
  const base = useMemo(() => draftFromCustomer(customer), [customer]);
  const [draft, setDraft] = useState<CustomerDraft>(base);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [refusedBy, setRefusedBy] = useState<'console' | 'oms'>('console');
  const binding = useMemo(
    () => ({
      draft,
      errors,
      idPrefix,
      set: <K extends keyof CustomerDraft>(key: K, value: CustomerDraft[K]) => {
        setDraft((d) => ({ ...d, [key]: value }));
        setErrors((e) => {
          const next = { ...e };
          delete next[key];
          return next;
        });
      },
    }),
    [draft, errors, idPrefix],
  );

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setProblem(null);
    const v = validatePatch(draft, base);
    if (!v.ok) {
      setRefusedBy('console');
      setErrors(v.errors);
      focusFirstError(idPrefix, v.errors);
      return;
    }
    if (Object.keys(v.value).length === 0) return setProblem('Nothing changed: edit a field first.');
    setBusy(true);
    const r = await mutate('customers.update', 'Update the customer', (confirm) => api().customers.update({ customerId: customer.id, patch: v.value as never, confirm }));
    setBusy(false);
    if (r.ok) {
      useCustomers.getState().upsert(r.data);
      onSaved(r.data);
      return;
    }
    if (isCancelled(r)) return;
    // OMS refused fields only it can judge: marked in its words, focus on the first, the draft kept.
    const { marked, elsewhere } = placeIssues(fieldErrors(r.error));
    if (Object.keys(marked).length) {
      setRefusedBy('oms');
      setErrors(marked);
      requestAnimationFrame(() => focusFirstError(idPrefix, marked));
    }
    if (!Object.keys(marked).length) setProblem(`OMS did not accept the change: ${r.error.message}`);
    else if (elsewhere.length) setProblem(`OMS also refused: ${elsewhere.join('; ')}`);
  };

  const count = Object.keys(errors).length;
  return (
    <form className="panel form edit-form" onSubmit={(e) => void save(e)} noValidate aria-label={`Edit ${customer.id}`}>
      <p className="help">
        Only the fields you change are sent. Date of birth, address and identity documents are write-only in OMS: empty means unchanged, anything typed replaces
        what is on file.
      </p>
      {count > 0 && (
        <p className="inline-error" role="alert">
          {refusedBy === 'oms'
            ? `OMS did not accept ${count === 1 ? 'a field' : `${count} fields`}, marked below; nothing was changed. Everything you typed is kept: correct and save again.`
            : `${count} field${count === 1 ? '' : 's'} need${count === 1 ? 's' : ''} attention. Nothing was sent.`}
        </p>
      )}
      <DraftContext.Provider value={binding}>
        <CustomerFieldset mode="edit" />
      </DraftContext.Provider>
      {problem && (
        <p className="inline-error" role="alert">
          {problem}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save changes'}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
