import { useState } from 'react';
import type { AppError } from '#shared/ipc/result.ts';
import type { Profile } from '#shared/ipc/settings.contract.ts';
import { InlineError } from '../../components/States.tsx';
import { fieldErrors } from '../../lib/request-state.ts';
import { notify } from '../../stores/notify.store.ts';
import { useSettings, type VerificationMode } from './settings.store.ts';

export const VERIFICATION_MODES: { mode: VerificationMode; label: string; says: string }[] = [
  { mode: 'enforce', label: 'Enforce', says: 'Deliveries without a valid signature are rejected and never applied. Use this everywhere real data flows.' },
  { mode: 'report-only', label: 'Report only', says: 'Deliveries with a bad signature are still applied and flagged in the Inbox — for debugging a relay or secret, never for production.' },
];

/** The two verification modes as radios with one line each; shared by the profile editor and the listener panel. */
export function VerificationChoice({ name, value, onChange, legend }: { name: string; value: VerificationMode; onChange: (m: VerificationMode) => void; legend: string }) {
  return (
    <fieldset className="choice">
      <legend>{legend}</legend>
      {VERIFICATION_MODES.map((m) => (
        <label key={m.mode} className="choice-item">
          <input type="radio" name={name} value={m.mode} checked={value === m.mode} onChange={() => onChange(m.mode)} />
          <span>
            <b>{m.label}</b> <span className="muted">— {m.says}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

function TextField(p: { id: string; label: string; value: string; onChange: (v: string) => void; error?: string | undefined; hint?: string; disabled?: boolean; mono?: boolean; placeholder?: string }) {
  const described = [p.error ? `${p.id}-err` : '', p.hint ? `${p.id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${p.error ? ' field-invalid' : ''}`}>
      <label htmlFor={p.id}>{p.label}</label>
      <input
        id={p.id}
        className={p.mono ? 'mono' : undefined}
        value={p.value}
        disabled={p.disabled}
        placeholder={p.placeholder}
        autoComplete="off"
        aria-invalid={p.error ? true : undefined}
        aria-describedby={described}
        onChange={(e) => p.onChange(e.target.value)}
      />
      {p.hint && (
        <small id={`${p.id}-hint`} className="help">
          {p.hint}
        </small>
      )}
      {p.error && (
        <small id={`${p.id}-err`} className="field-error">
          {p.error}
        </small>
      )}
    </div>
  );
}

/**
 * Adds a custom profile (no `profile`) or edits one. Built-ins keep their documented base URL
 * (main refuses another); the local sandbox also keeps its version segment.
 */
export function ProfileEditor({ profile, onDone }: { profile?: Profile; onDone: () => void }) {
  const isNew = !profile;
  const builtIn = !!profile && profile.kind !== 'custom';
  const [id, setId] = useState(profile?.id ?? '');
  const [name, setName] = useState(profile?.name ?? '');
  const [baseUrl, setBaseUrl] = useState(profile?.baseUrl ?? 'https://');
  const [apiVersion, setApiVersion] = useState(profile?.apiVersion ?? 'v0.9');
  const [verification, setVerification] = useState<VerificationMode>(profile?.webhookVerification ?? 'enforce');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const fe = fieldErrors(error);
  const key = profile?.id ?? 'new';
  const fid = (n: string) => `profile-${key}-${n}`;
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await useSettings.getState().saveProfile({ id: id.trim(), name, baseUrl: baseUrl.trim(), apiVersion: apiVersion.trim(), webhookVerification: verification });
    setBusy(false);
    if (r.ok) {
      setError(null);
      notify('ok', isNew ? `Profile ${r.data.name} added. Add its API credentials below.` : `Profile ${r.data.name} saved.`);
      onDone();
    } else setError(r.error);
  };
  const known = ['id', 'name', 'baseUrl', 'apiVersion'];
  const otherError = error && !Object.keys(fe).some((k) => known.includes(k));
  return (
    <form className="profile-editor" aria-label={isNew ? 'New custom profile' : `Edit profile ${profile.name}`} onSubmit={(e) => void save(e)} noValidate>
      {isNew && <h3 className="editor-title">New custom profile</h3>}
      {error && !otherError && <p className="inline-error" role="alert">Some values are not valid; nothing was saved.</p>}
      <div className="editor-grid">
        {isNew ? (
          <TextField id={fid('id')} label="Profile id" value={id} onChange={setId} error={fe.id} hint="Lower-case letters, digits and dashes, e.g. staging-eu" mono />
        ) : null}
        <TextField id={fid('name')} label="Name" value={name} onChange={setName} error={fe.name} />
        <TextField
          id={fid('url')}
          label="Base URL"
          value={baseUrl}
          onChange={setBaseUrl}
          error={fe.baseUrl}
          disabled={builtIn}
          mono
          {...(builtIn ? { hint: 'Fixed for built-in profiles; add a custom profile for another address.' } : { hint: 'https, or http on a loopback address' })}
        />
        <TextField
          id={fid('version')}
          label="API version segment"
          value={apiVersion}
          onChange={setApiVersion}
          error={fe.apiVersion}
          disabled={profile?.kind === 'local'}
          mono
          hint={profile?.kind === 'local' ? 'The embedded sandbox speaks v0.9 only.' : 'Like v0.9: the path segment after the base URL.'}
        />
      </div>
      <VerificationChoice name={fid('verification')} legend="Webhook signature verification" value={verification} onChange={setVerification} />
      {otherError && <InlineError error={error} />}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Saving…' : isNew ? 'Add profile' : 'Save profile'}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
