import { useState } from 'react';
import type { AppError } from '#shared/ipc/result.ts';
import type { Profile } from '#shared/ipc/settings.contract.ts';
import { InlineError } from '../../components/States.tsx';
import { api } from '../../lib/api-client.ts';
import { fieldErrors } from '../../lib/request-state.ts';
import { notify } from '../../stores/notify.store.ts';
import { useSettings } from './settings.store.ts';

/** Write-only: the secret goes to main (keychain) and only a fingerprint ever comes back. */
export function CredentialsForm({ profile }: { profile: Profile }) {
  const [apiKey, setKey] = useState('');
  const [apiSecret, setSecret] = useState('');
  const [sessionOnly, setSessionOnly] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [check, setCheck] = useState<{ ok: boolean; message: string } | 'checking' | null>(null);
  const fe = fieldErrors(error);
  /** A real token exchange with what is stored: says plainly whether OMS accepts it. */
  const runCheck = async () => {
    setCheck('checking');
    const r = await api().settings.checkCredentials({ profileId: profile.id });
    setCheck(r.ok ? r.data : { ok: false, message: r.error.message });
  };
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const r = await useSettings.getState().setCredentials(profile.id, apiKey, apiSecret, sessionOnly);
    if (r.ok) {
      setKey('');
      setSecret('');
      setError(null);
      notify('ok', `Credentials saved for ${profile.name}.`);
      // The local sandbox made its own keys; a remote profile's keys are checked with OMS at once.
      if (profile.kind !== 'local') void runCheck();
    } else setError(r.error);
  };
  const id = (n: string) => `cred-${profile.id}-${n}`;
  return (
    <form className="cred-form" onSubmit={(e) => void save(e)} aria-label={`Credentials for ${profile.name}`}>
      <div className="field">
        <label htmlFor={id('key')}>API key</label>
        <input id={id('key')} className="mono" autoComplete="off" value={apiKey} placeholder={profile.kind === 'production' ? 'sk_live_…' : 'sk_sdbx_…'} aria-invalid={fe.apiKey ? true : undefined} onChange={(e) => setKey(e.target.value)} />
        {fe.apiKey && <small className="field-error">{fe.apiKey}</small>}
      </div>
      <div className="field">
        <label htmlFor={id('secret')}>API secret</label>
        <input id={id('secret')} type="password" autoComplete="off" value={apiSecret} aria-invalid={fe.apiSecret ? true : undefined} onChange={(e) => setSecret(e.target.value)} />
        {fe.apiSecret && <small className="field-error">{fe.apiSecret}</small>}
      </div>
      <label className="check">
        <input type="checkbox" checked={sessionOnly} onChange={(e) => setSessionOnly(e.target.checked)} /> Session only (not saved to the keychain)
      </label>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={!apiKey || !apiSecret}>
          Save credentials
        </button>
        {profile.credentials.configured && (
          <button type="button" className="btn" disabled={check === 'checking'} onClick={() => void runCheck()}>
            {check === 'checking' ? 'Checking with OMS…' : 'Check with OMS'}
          </button>
        )}
        {profile.credentials.configured && (
          <button type="button" className="btn btn-ghost" onClick={() => void useSettings.getState().clearCredentials(profile.id)}>
            Remove credentials
          </button>
        )}
      </div>
      {!fe.apiKey && !fe.apiSecret && <InlineError error={error} />}
      {check && check !== 'checking' && (
        <p className={check.ok ? 'ok-text' : 'inline-error'} role="status" aria-label="Credential check">
          {check.ok ? '✓ ' : '✕ '}
          {check.message}
        </p>
      )}
    </form>
  );
}
