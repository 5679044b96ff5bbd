import { useEffect, useState } from 'react';
import type { CustomerView } from '#shared/domain/customer.ts';
import type { BankField, BankNetwork, BankSchemas, ExternalAccount } from '#shared/ipc/external-accounts.contract.ts';
import type { AppError } from '#shared/ipc/result.ts';
import { ErrorState, InlineError, Loading } from '../../components/States.tsx';
import { api } from '../../lib/api-client.ts';
import { isCancelled, mutate } from '../../stores/mutate.ts';
import { fieldErrors } from '../../lib/request-state.ts';
import { bankFieldOf, defaultMarket, MARKETS, RAIL_LABELS, validateBank } from './bank-form.ts';
import { focusFirstError } from '../../lib/focus-first-error.ts';

function BankInput({ f, value, error, onChange }: { f: BankField; value: string; error: string | undefined; onChange: (v: string) => void }) {
  const id = `bank-${f.name}`;
  const common = { id, value, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${id}-err` : undefined, 'aria-required': f.required || undefined };
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {f.label}
        {!f.required && <span className="muted"> (optional)</span>}
      </label>
      {f.values ? (
        <select {...common} onChange={(e) => onChange(e.target.value)}>
          <option value="">Choose…</option>
          {f.values.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      ) : (
        <input {...common} type="text" autoComplete="off" spellCheck={false} inputMode={/^\^\\d/.test(f.pattern ?? '') ? 'numeric' : undefined} onChange={(e) => onChange(e.target.value)} />
      )}
      {error && (
        <small id={`${id}-err`} className="field-error">
          {error}
        </small>
      )}
    </div>
  );
}

function Registered({ account, fields, onAnother }: { account: ExternalAccount; fields: BankField[]; onAnother: () => void }) {
  const label = (name: string) => fields.find((f) => f.name === name)?.label ?? name;
  return (
    <div className="deposit-address" role="region" aria-label="Registered bank account">
      <div className="small muted">Registered in the sandbox preview · numbers masked to the last 4</div>
      <dl className="kv kv-inline">
        <div>
          <dt>Account id</dt>
          <dd className="mono">{account.id}</dd>
        </div>
        <div>
          <dt>Rail</dt>
          <dd>
            {RAIL_LABELS[account.network]} · {account.country} · {account.currency}
          </dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{account.status}</dd>
        </div>
        {Object.entries(account.bankDetails).map(([k, v]) => (
          <div key={k}>
            <dt>{label(k)}</dt>
            <dd className="mono masked">{v}</dd>
          </div>
        ))}
      </dl>
      <div className="form-actions">
        <button type="button" className="btn btn-small" onClick={onAnother}>
          Register another account
        </button>
      </div>
    </div>
  );
}

/** The schema-driven bank form (sandbox preview): market → rail → that rail's fields. */
export function BankAccountForm({ customer }: { customer: CustomerView }) {
  const [market, setMarket] = useState(() => defaultMarket(customer.nationality));
  // The answer is kept with the request it answers, so a stale market never shows its rails.
  const [loaded, setLoaded] = useState<{ key: string; schemas: BankSchemas | null; error: AppError | null } | null>(null);
  const [network, setNetwork] = useState<BankNetwork | null>(null);
  // Bank details stay in this component's memory: never in a store, never persisted.
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<ExternalAccount | null>(null);
  const [reload, setReload] = useState(0);
  const [country, currency] = market.split('/') as [string, string];
  const key = `${market}#${reload}`;
  const schemas = loaded?.key === key ? loaded.schemas : null;
  const loadError = loaded?.key === key ? loaded.error : null;

  useEffect(() => {
    let live = true;
    void api()
      .externalAccounts.schemas({ country, currency })
      .then((r) => {
        if (!live) return;
        if (!r.ok) return setLoaded({ key, schemas: null, error: r.error });
        setLoaded({ key, schemas: r.data, error: null });
        setNetwork((n) => (n && r.data.rails.some((x) => x.network === n) ? n : (r.data.rails[0]?.network ?? null)));
      });
    return () => {
      live = false;
    };
  }, [country, currency, key]);

  const fields = schemas?.rails.find((r) => r.network === network)?.fields ?? [];
  const setValue = (name: string, v: string) => {
    setValues((cur) => ({ ...cur, [name]: v }));
    setErrors((cur) => {
      const next = { ...cur };
      delete next[name];
      return next;
    });
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!network) return;
    setFormError(null);
    const v = validateBank(fields, values);
    if (!v.ok) {
      setErrors(v.errors);
      document.getElementById(`bank-${Object.keys(v.errors)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    const r = await mutate('externalAccounts.create', 'Register a bank account', (confirm) =>
      api().externalAccounts.create({ customerId: customer.id, network, country, currency, bankDetails: v.details, confirm }),
    );
    setBusy(false);
    if (r.ok) {
      setCreated(r.data);
      setValues({});
      return;
    }
    if (isCancelled(r)) return;
    const fe = Object.fromEntries(Object.entries(fieldErrors(r.error)).map(([p, m]) => [bankFieldOf(p), m]));
    setErrors(fe);
    // As in the customer forms: what OMS refused gets the focus, the first one in the form's order.
    requestAnimationFrame(() => focusFirstError('bank', fe));
    setFormError(r.error);
  };

  if (created) return <Registered account={created} fields={fields} onAnother={() => setCreated(null)} />;
  return (
    <form onSubmit={(e) => void submit(e)} aria-label="Register a bank account" noValidate>
      <fieldset>
        <legend>Market</legend>
        <div className="field">
          <label htmlFor="bank-market">Country and currency</label>
          <select id="bank-market" value={market} onChange={(e) => setMarket(e.target.value)}>
            {MARKETS.map((m) => (
              <option key={`${m.country}/${m.currency}`} value={`${m.country}/${m.currency}`}>
                {m.label}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      {loadError ? (
        <ErrorState error={loadError} what="the bank account schema" onRetry={() => setReload((n) => n + 1)} />
      ) : !schemas ? (
        <Loading what="bank account schema" />
      ) : (
        <>
          <fieldset className="inline-fieldset">
            <legend>Rail</legend>
            {schemas.rails.map((r) => (
              <label key={r.network} className="check">
                <input type="radio" name="bank-rail" value={r.network} checked={network === r.network} onChange={() => setNetwork(r.network)} />
                {RAIL_LABELS[r.network]}
              </label>
            ))}
          </fieldset>
          <fieldset aria-label={`${network ? RAIL_LABELS[network] : ''} bank details`}>
            <legend>Bank details</legend>
            {fields.map((f) => (
              <BankInput key={`${network}-${f.name}`} f={f} value={values[f.name] ?? ''} error={errors[f.name]} onChange={(v) => setValue(f.name, v)} />
            ))}
          </fieldset>
          <InlineError error={formError} />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy || !network}>
              {busy ? 'Registering…' : 'Register bank account'}
            </button>
          </div>
        </>
      )}
    </form>
  );
}
